#include "harness/trust/shrink.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace harness {
namespace {

std::vector<std::vector<size_t>> split(const std::vector<size_t>& items, size_t parts) {
    std::vector<std::vector<size_t>> chunks;
    size_t start = 0;
    for (size_t i = 0; i < parts; ++i) {
        size_t end = start + (items.size() - start) / (parts - i);
        chunks.emplace_back(items.begin() + long(start), items.begin() + long(end));
        start = end;
    }
    return chunks;
}

std::vector<size_t> without(const std::vector<size_t>& items, const std::vector<size_t>& drop) {
    std::vector<size_t> out;
    std::set_difference(items.begin(), items.end(), drop.begin(), drop.end(),
                        std::back_inserter(out));
    return out;
}

/// Runs candidates under the seed and keeps the best (smallest accepted) scenario.
class Shrinker {
   public:
    Shrinker(Scenario best, uint64_t seed, std::string anomaly, const RunFunction& run,
             const ShrinkOptions& options)
        : best_(std::move(best)), seed_(seed), anomaly_(std::move(anomaly)), run_(run),
          options_(options) {}

    /// Runs `candidate`; true (and it becomes the best) when it still fails the same way.
    bool try_candidate(const Scenario& candidate) {
        if (runs_ >= options_.max_runs) return false;
        ++runs_;
        RunResult result = run_(candidate, seed_);
        if (!result.failing || !result.shows(anomaly_)) return false;
        best_ = candidate;
        best_run_ = std::move(result);
        return true;
    }

    void drop_nemesis();
    void minimise_faults();
    void shorten_duration();
    void shorten_producers();

    Scenario best_;
    RunResult best_run_;
    uint64_t seed_;
    std::string anomaly_;
    const RunFunction& run_;
    const ShrinkOptions& options_;
    size_t runs_ = 1;  // the original run
};

void Shrinker::drop_nemesis() {
    if (!best_.nemesis) return;
    Scenario candidate = best_;
    candidate.nemesis.reset();
    try_candidate(candidate);
}

void Shrinker::minimise_faults() {
    const std::vector<FaultSpec> faults = best_.faults;
    const Scenario base = best_;
    ddmin(faults.size(), [&](const std::vector<size_t>& keep) {
        Scenario candidate = base;
        candidate.faults.clear();
        for (size_t index : keep) candidate.faults.push_back(faults[index]);
        return try_candidate(candidate);
    });
}

/// Binary search for the shortest run that still fails: never before the last fault,
/// step or producer start, which must stay inside the run.
void Shrinker::shorten_duration() {
    sim::Duration floor = 0;
    for (const FaultSpec& fault : best_.faults) floor = std::max(floor, fault.at + 1);
    for (const StepSpec& step : best_.steps) floor = std::max(floor, step.at + 1);
    for (const ProducerSpec& producer : best_.producers) {
        floor = std::max(floor, producer.start + 1);
    }
    sim::Duration passing = floor - 1;
    sim::Duration failing = best_.duration;
    // Candidates land on whole 10ms so the minimal scenario reads as a person writes it
    // ("5.03s", not "5029296875ns"); the 1% tolerance is coarser than that anyway.
    constexpr sim::Duration kStep = 10 * sim::kMillisecond;
    while (failing - passing > std::max<sim::Duration>(sim::kMillisecond, failing / 100)) {
        Scenario candidate = best_;
        sim::Duration middle = passing + (failing - passing) / 2;
        candidate.duration = (middle + kStep - 1) / kStep * kStep;
        if (candidate.duration >= failing) return;
        if (try_candidate(candidate)) {
            failing = candidate.duration;
        } else {
            passing = candidate.duration;
        }
        if (runs_ >= options_.max_runs) return;
    }
}

int64_t records_planned(const Scenario& scenario, const ProducerSpec& producer) {
    if (producer.count) return *producer.count;
    sim::Duration stop = std::min(producer.stop.value_or(scenario.duration), scenario.duration);
    sim::Duration span = std::max<sim::Duration>(stop - producer.start, 0);
    // 128-bit: rate.records * span overflows int64 for long runs at high rates.
    __int128 planned = __int128(producer.rate.records) * span / producer.rate.per;
    return int64_t(std::min<__int128>(std::max<__int128>(planned, 1), INT64_MAX));
}

/// Per producer, binary search for the fewest records that still fail.
void Shrinker::shorten_producers() {
    for (size_t i = 0; i < best_.producers.size(); ++i) {
        int64_t failing = records_planned(best_, best_.producers[i]);
        int64_t passing = 0;
        while (failing - passing > std::max<int64_t>(1, failing / 100)) {
            Scenario candidate = best_;
            candidate.producers[i].count = passing + (failing - passing) / 2;
            if (try_candidate(candidate)) {
                failing = *candidate.producers[i].count;
            } else {
                passing = *candidate.producers[i].count;
            }
            if (runs_ >= options_.max_runs) return;
        }
    }
}

std::string anomaly_to_keep(const Scenario& scenario, const RunResult& result) {
    if (!scenario.expect.expects_pass() && result.shows(scenario.expect.anomaly)) {
        return scenario.expect.anomaly;
    }
    // result.anomalies names only what fails the run (check::is_failing, the verdict's one
    // rule), so any of them is a cause worth keeping.
    return result.anomalies.empty() ? "" : result.anomalies.front();
}

}  // namespace

std::vector<size_t> ddmin(size_t n,
                          const std::function<bool(const std::vector<size_t>&)>& fails) {
    std::set<std::vector<size_t>> tested;
    auto test = [&](const std::vector<size_t>& subset) {
        return tested.insert(subset).second && fails(subset);
    };
    std::vector<size_t> current;
    for (size_t i = 0; i < n; ++i) current.push_back(i);
    if (test({})) return {};
    size_t parts = 2;
    while (current.size() >= 2) {
        std::vector<std::vector<size_t>> chunks = split(current, std::min(parts, current.size()));
        bool reduced = false;
        for (const std::vector<size_t>& chunk : chunks) {
            if (test(chunk)) {
                current = chunk;
                parts = 2;
                reduced = true;
                break;
            }
        }
        for (size_t i = 0; !reduced && chunks.size() > 2 && i < chunks.size(); ++i) {
            std::vector<size_t> complement = without(current, chunks[i]);
            if (test(complement)) {
                current = complement;
                parts = std::max<size_t>(parts - 1, 2);
                reduced = true;
            }
        }
        if (reduced) continue;
        if (parts >= current.size()) break;
        parts = std::min(parts * 2, current.size());
    }
    return current;
}

sim::Result<ShrinkResult> shrink(const Scenario& scenario, uint64_t seed,
                                 const RunFunction& run, const ShrinkOptions& options) {
    RunResult original = run(scenario, seed);
    if (!original.failing) {
        return sim::Error{"", fmt::format("expected seed {} to fail, but it passes: nothing "
                                          "to shrink", seed)};
    }
    Shrinker shrinker(scenario, seed, anomaly_to_keep(scenario, original), run, options);
    shrinker.best_run_ = original;
    shrinker.drop_nemesis();
    shrinker.minimise_faults();
    shrinker.shorten_duration();
    shrinker.shorten_producers();
    ShrinkResult result;
    result.minimal = shrinker.best_;
    result.seed = seed;
    result.anomaly = shrinker.anomaly_;
    result.original_faults = scenario.faults.size();
    result.runs = shrinker.runs_;
    result.final_run = shrinker.best_run_;
    return result;
}

}  // namespace harness
