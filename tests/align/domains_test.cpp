// Domain tags: whole-word phrases, wildcard endings, the shipped vocabulary and the LLaVA-Med fields.
#include "pubforge/align/domains.hpp"

#include <gtest/gtest.h>

#include "pubforge/core/error.hpp"
#include "test_support.hpp"

namespace pubforge::align {
namespace {

std::vector<std::string> tags_of(const std::vector<DomainHit>& hits) {
    std::vector<std::string> out;
    for (const auto& h : hits) out.push_back(h.tag);
    return out;
}

TEST(DomainsTest, WholeWordsAndWildcards) {
    const auto vocabulary = DomainVocabulary::from_json(nlohmann::json::parse(R"({
        "tags": [{"tag": "ct", "phrases": ["ct", "computed tomography"]},
                 {"tag": "x-ray", "phrases": ["radiograph*"]}]})"));
    const auto hits = vocabulary.tag("Axial CT and chest radiographs; the DCT and factor were normal.");
    ASSERT_EQ(tags_of(hits), (std::vector<std::string>{"ct", "x-ray"}));
    EXPECT_EQ(hits[1].phrases, (std::vector<std::string>{"radiograph*"}));
    EXPECT_TRUE(vocabulary.tag("Doctor and factor").empty());
}

TEST(DomainsTest, ShippedVocabularyTagsMedicalCaptions) {
    const auto vocabulary = DomainVocabulary::from_file(testing::source_path("data/domains.json"));
    EXPECT_EQ(tags_of(vocabulary.tag("Axial T2-weighted MRI of the brain")), (std::vector<std::string>{"mri", "brain"}));
    EXPECT_EQ(tags_of(vocabulary.tag("H&E staining, original magnification x200")),
              (std::vector<std::string>{"histology", "microscopy"}));
    EXPECT_EQ(tags_of(vocabulary.tag("Kaplan-Meier survival curves")), (std::vector<std::string>{"chart"}));
    const auto chest = vocabulary.tag("Posteroanterior chest X-ray showing cardiomegaly");
    EXPECT_EQ(tags_of(chest), (std::vector<std::string>{"x-ray", "chest"}));
    const nlohmann::json llava = vocabulary.llava_med(tags_of(chest));
    EXPECT_TRUE(llava["chest_xray"].get<bool>());
    EXPECT_FALSE(llava["mri"].get<bool>());
    EXPECT_FALSE(vocabulary.llava_med({"x-ray"})["chest_xray"].get<bool>());
}

TEST(DomainsTest, LlavaMedFieldsOfAFigureRecordIncludePanels) {
    const nlohmann::json figure = {
        {"domains", {{{"tag", "histology"}, {"phrases", {"h&e"}}}}},
        {"subcaptions", {{{"label", "B"}, {"text", "CT"}, {"domains", {{{"tag", "ct"}, {"phrases", {"ct"}}}}}}}}};
    const nlohmann::json llava = llava_med_domains(figure);
    EXPECT_TRUE(llava["histology"].get<bool>());
    EXPECT_TRUE(llava["ct_scan"].get<bool>());
    EXPECT_FALSE(llava["gross"].get<bool>());
}

TEST(DomainsTest, BadVocabularyIsAnError) {
    EXPECT_THROW(DomainVocabulary::from_json(nlohmann::json::parse(R"({"nope": 1})")), Error);
    EXPECT_THROW(DomainVocabulary::from_file("/nonexistent/domains.json"), Error);
}

}  // namespace
}  // namespace pubforge::align
