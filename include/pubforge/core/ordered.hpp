// Parallel map with ordered output: workers run documents concurrently, results leave in input order.
#pragma once

#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "pubforge/core/interrupt.hpp"

namespace pubforge {

// Reads items with `next` (serially, in order), runs `work` on up to `jobs`
// threads, and calls `emit` serially in the order items were read, so outputs
// are byte-identical for any thread count. At most 4 x jobs items are in flight,
// which bounds memory whatever the corpus size. On SIGINT/SIGTERM reading stops,
// the documents in flight finish, and Error("interrupted") is thrown. oneTBB's parallel_pipeline is the
// well-kept implementation of exactly this pattern (serial_in_order filters).
// Stages map a document to a pipeline::Outcome; the exporter maps an item to its prepared image.
// (Result is taken from the template arguments, never deduced, so lambdas convert.)
template <class T>
struct NotDeduced {
    using type = T;
};
template <class Item, class Result>
void for_each_ordered(int jobs, const std::function<bool(Item&)>& next,
                      const typename NotDeduced<std::function<Result(Item&)>>::type& work,
                      const typename NotDeduced<std::function<void(Result&)>>::type& emit) {
    jobs = jobs < 1 ? 1 : jobs;
    // oneTBB sizes its worker pool to the cores unless told otherwise; -j above the
    // core count is honoured (and no warning printed) by raising the limit for this call.
    tbb::global_control workers(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(jobs));
    tbb::task_arena arena(jobs);
    // Tokens are raw pointers into `in_flight`, which owns them: when a fatal error
    // cancels the pipeline, oneTBB 2021.8 drops the tokens buffered before the
    // in-order emit filter without destroying them (LeakSanitizer saw the leak),
    // so ownership stays here and the map frees whatever was in flight.
    struct Slot {
        Item item{};
        std::optional<Result> result;
    };
    std::mutex in_flight_mutex;
    std::unordered_map<Slot*, std::unique_ptr<Slot>> in_flight;
    arena.execute([&] {
        tbb::parallel_pipeline(
            static_cast<size_t>(jobs) * 4,
            tbb::make_filter<void, Slot*>(tbb::filter_mode::serial_in_order, [&](tbb::flow_control& control) -> Slot* {
                auto slot = std::make_unique<Slot>();
                if (interrupt_requested() || !next(slot->item)) {
                    control.stop();
                    return nullptr;
                }
                std::lock_guard lock(in_flight_mutex);
                Slot* token = slot.get();
                in_flight.emplace(token, std::move(slot));
                return token;
            }) & tbb::make_filter<Slot*, Slot*>(tbb::filter_mode::parallel, [&](Slot* slot) {
                slot->result.emplace(work(slot->item));
                return slot;
            }) & tbb::make_filter<Slot*, void>(tbb::filter_mode::serial_in_order, [&](Slot* slot) {
                emit(*slot->result);
                std::lock_guard lock(in_flight_mutex);
                in_flight.erase(slot);
            }));
    });
    // Documents in flight were finished and emitted; the caller must not commit its outputs.
    throw_if_interrupted();
}

// A `next` for for_each_ordered that hands out the elements of `items` in order (`items` must outlive the call).
template <class T>
std::function<bool(T&)> next_of(const std::vector<T>& items) {
    return [&items, position = size_t{0}](T& item) mutable {
        if (position >= items.size()) return false;
        item = items[position++];
        return true;
    };
}

}  // namespace pubforge
