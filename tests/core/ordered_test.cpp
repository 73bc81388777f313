// Tests of the ordered parallel map: output order and error capture are independent of thread count.
#include "pubforge/pipeline/outcome.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace pubforge::pipeline {
namespace {

std::vector<std::string> run(int jobs, int count) {
    int next_value = 0;
    std::vector<std::string> emitted;
    for_each_ordered<int, pipeline::Outcome>(
        jobs,
        [&](int& item) {
            if (next_value >= count) return false;
            item = next_value++;
            return true;
        },
        [&](int& item) {
            // Early items sleep longest so that completion order is the reverse of input order.
            std::this_thread::sleep_for(std::chrono::microseconds((count - item) * 50));
            Outcome outcome;
            outcome.input = std::to_string(item);
            run_step(outcome, "test", [&] {
                if (item % 7 == 3) throw Error("test.seven", "item " + std::to_string(item));
                outcome.record = Record{{"n", item}};
            });
            return outcome;
        },
        [&](Outcome& outcome) {
            emitted.push_back(outcome.error ? outcome.error->code() + ":" + outcome.input : outcome.record->dump());
        });
    return emitted;
}

TEST(OrderedTest, OutputOrderIsInputOrderForAnyThreadCount) {
    const auto one = run(1, 50);
    ASSERT_EQ(one.size(), 50u);
    EXPECT_EQ(one[3], "test.seven:3");
    EXPECT_EQ(one[4], "{\"n\":4}");
    EXPECT_EQ(run(4, 50), one);
}

TEST(OrderedTest, FatalErrorsStopTheRun) {
    int produced = 0;
    EXPECT_THROW((for_each_ordered<int, pipeline::Outcome>(
                     2, [&](int& item) { item = produced++; return produced < 1000; },
                     [&](int& item) {
                         Outcome outcome;
                         run_step(outcome, "test", [&] {
                             if (item == 5) throw Error("io.write", "disk full", true);
                         });
                         return outcome;
                     },
                     [](Outcome&) {})),
                 Error);
}

}  // namespace
}  // namespace pubforge::pipeline

namespace pubforge::pipeline {
namespace {

TEST(OrderedTest, InterruptStopsReadingFinishesInFlightAndThrows) {
    int produced = 0;
    int emitted = 0;
    try {
        for_each_ordered<int, pipeline::Outcome>(
            2,
            [&](int& item) {
                item = produced++;
                if (produced == 10) request_interrupt();
                return true;  // an endless input: only the interrupt ends it
            },
            [](int&) { return Outcome{}; }, [&](Outcome&) { ++emitted; });
        request_interrupt(false);
        FAIL() << "expected Error(interrupted)";
    } catch (const Error& e) {
        request_interrupt(false);
        EXPECT_EQ(e.code(), "interrupted");
        EXPECT_TRUE(e.fatal());
    }
    EXPECT_EQ(emitted, produced);  // everything read was emitted, nothing lost in flight
    EXPECT_LT(produced, 20);
}

}  // namespace
}  // namespace pubforge::pipeline
