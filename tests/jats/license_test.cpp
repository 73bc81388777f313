// Tests of licence normalisation: Creative Commons URLs and sentences to codes and reuse classes.
#include "pubforge/jats/license.hpp"

#include <gtest/gtest.h>

namespace pubforge::jats {
namespace {

TEST(LicenseTest, UrlsGiveExactCodes) {
    EXPECT_EQ(normalise_license("https://creativecommons.org/licenses/by/4.0/", "").code, "CC-BY-4.0");
    EXPECT_EQ(normalise_license("http://creativecommons.org/licenses/by-nc-nd/3.0/igo/", "").code, "CC-BY-NC-ND-3.0");
    EXPECT_EQ(normalise_license("http://creativecommons.org/licenses/by-nc-sa/2.5", "").code, "CC-BY-NC-SA-2.5");
    EXPECT_EQ(normalise_license("https://creativecommons.org/licenses/by-sa/4.0", "").code, "CC-BY-SA-4.0");
    EXPECT_EQ(normalise_license("HTTP://CreativeCommons.org/licenses/by/2.0", "").code, "CC-BY-2.0");
    EXPECT_EQ(normalise_license("https://creativecommons.org/publicdomain/zero/1.0/", "").code, "CC0-1.0");
    EXPECT_EQ(normalise_license("http://creativecommons.org/licenses/by-nd-nc/1.0/", "").code, "CC-BY-NC-ND-1.0");
}

TEST(LicenseTest, SentencesAreReadWhenThereIsNoUrl) {
    EXPECT_EQ(normalise_license("", "distributed under the Creative Commons Attribution 4.0 International License").code,
              "CC-BY-4.0");
    EXPECT_EQ(normalise_license("", "the Creative Commons Attribution Non-Commercial License, which permits").code,
              "CC-BY-NC");
    EXPECT_EQ(normalise_license("", "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 licence").code,
              "CC-BY-NC-ND-4.0");
    EXPECT_EQ(normalise_license("", "This article is licensed CC BY-NC-SA 3.0.").code, "CC-BY-NC-SA-3.0");
    EXPECT_EQ(normalise_license("", "made available under the Creative Commons CC0 public domain dedication").code,
              "CC0-1.0");
    EXPECT_EQ(normalise_license("", "All rights reserved.").code, "unknown");
    EXPECT_EQ(normalise_license("https://www.elsevier.com/open-access/userlicense/1.0/", "").code, "unknown");
}

TEST(LicenseTest, ClassesFollowThePmcOaSplit) {
    EXPECT_EQ(normalise_license("https://creativecommons.org/licenses/by/4.0/", "").klass, "commercial");
    EXPECT_EQ(normalise_license("https://creativecommons.org/licenses/by-nd/4.0/", "").klass, "commercial");
    EXPECT_EQ(normalise_license("https://creativecommons.org/publicdomain/zero/1.0/", "").klass, "commercial");
    EXPECT_EQ(normalise_license("https://creativecommons.org/licenses/by-nc/4.0/", "").klass, "noncommercial");
    EXPECT_EQ(normalise_license("https://creativecommons.org/licenses/by-nc-nd/3.0/", "").klass, "noncommercial");
    EXPECT_EQ(normalise_license("", "Publisher terms apply.").klass, "other");
}

}  // namespace
}  // namespace pubforge::jats
