// Tests for the report's HTML helpers: escaping, thousands separators, file-name stems.
#include "report/html.hpp"

#include <gtest/gtest.h>

namespace pubforge::report {
namespace {

TEST(Html, EscapesMarkupAndQuotes) {
    EXPECT_EQ(escape("a < b & \"c\" > 'd'"), "a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;");
    EXPECT_EQ(escape("Größe – µm"), "Größe – µm");  // UTF-8 passes through
}

TEST(Html, GroupsThousands) {
    EXPECT_EQ(thousands(0), "0");
    EXPECT_EQ(thousands(999), "999");
    EXPECT_EQ(thousands(1000), "1,000");
    EXPECT_EQ(thousands(24000000), "24,000,000");
    EXPECT_EQ(thousands(-1234), "-1,234");
}

TEST(Html, FileStemsKeepOnlySafeCharacters) {
    EXPECT_EQ(file_stem("PMC123_fig1"), "PMC123_fig1");
    EXPECT_EQ(file_stem("10.1000/x y.z"), "10_1000_x_y_z");
    EXPECT_EQ(file_stem(std::string(150, 'a')).size(), 100u);
}

}  // namespace
}  // namespace pubforge::report
