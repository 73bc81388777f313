// Tests of split specs and the hash assignment: proportions, stability, seed dependence, bad specs.
#include "pubforge/export/split.hpp"

#include <gtest/gtest.h>

#include "pubforge/core/error.hpp"

namespace pubforge::exporter {
namespace {

TEST(SplitTest, AssignmentFollowsTheWeightsAndDependsOnlyOnIdAndSeed) {
    const SplitSpec spec = SplitSpec::parse("train=0.9,val=0.05,test=0.05");
    std::map<std::string, int> counts;
    int moved_by_seed = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::string id = "PMC" + std::to_string(i);
        ++counts[spec.assign(id, 314)];
        EXPECT_EQ(spec.assign(id, 314), SplitSpec::parse("train=90,val=5,test=5").assign(id, 314));
        moved_by_seed += spec.assign(id, 314) != spec.assign(id, 315);
    }
    EXPECT_NEAR(counts["train"], 18000, 300);
    EXPECT_NEAR(counts["val"], 1000, 150);
    EXPECT_NEAR(counts["test"], 1000, 150);
    EXPECT_GT(moved_by_seed, 1000);
}

TEST(SplitTest, MalformedSpecsAreUsageErrors) {
    for (const char* bad : {"", "train", "train=0", "train=-1", "train=x", "train=1,train=2", "tr ain=1", "train=1;val=1"})
        EXPECT_THROW(SplitSpec::parse(bad), UsageError) << bad;
}

}  // namespace
}  // namespace pubforge::exporter
