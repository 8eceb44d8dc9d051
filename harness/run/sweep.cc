#include "harness/run/sweep.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <exception>
#include <mutex>
#include <thread>

#include "sim/assert.h"

namespace harness {
namespace {

std::optional<uint64_t> parse_number(std::string_view text) {
    uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return {};
    return value;
}

/// Shared by the workers: the next seed to take, and the progress bar.
class SweepState {
   public:
    SweepState(size_t total, std::FILE* progress) : total_(total), progress_(progress) {}

    /// The next seed index to run, or nullopt when done or stopped.
    std::optional<size_t> take() {
        if (stopped_.load()) return {};
        size_t index = next_.fetch_add(1);
        if (index >= total_) return {};
        return index;
    }
    void stop() { stopped_.store(true); }
    void finished(bool failing) {
        if (!progress_) return;
        std::lock_guard<std::mutex> lock(mutex_);
        ++done_;
        failing_ += failing ? 1 : 0;
        constexpr size_t kWidth = 30;
        size_t filled = done_ * kWidth / total_;
        fmt::print(progress_, "\r[{}{}] {}/{} seeds, {} failing", std::string(filled, '#'),
                   std::string(kWidth - filled, ' '), done_, total_, failing_);
        if (done_ == total_) fmt::print(progress_, "\n");
        std::fflush(progress_);
    }

   private:
    const size_t total_;
    std::FILE* const progress_;
    std::atomic<size_t> next_{0};
    std::atomic<bool> stopped_{false};
    std::mutex mutex_;
    size_t done_ = 0;
    size_t failing_ = 0;
};

}  // namespace

sim::Result<std::vector<uint64_t>> parse_seeds(std::string_view text) {
    sim::Error bad{"--seeds " + std::string(text),
                   "expected a seed count N (seeds 1..N) or a range A..B with A <= B"};
    size_t dots = text.find("..");
    std::optional<uint64_t> first = dots == std::string_view::npos
                                        ? std::optional<uint64_t>(1)
                                        : parse_number(text.substr(0, dots));
    std::optional<uint64_t> last = parse_number(
        dots == std::string_view::npos ? text : text.substr(dots + 2));
    if (!first || !last || *first > *last || *last == 0) return bad;
    if (*last - *first >= uint64_t(kMaxSeeds)) {
        return sim::Error{bad.where, fmt::format("expected at most {} seeds", kMaxSeeds)};
    }
    std::vector<uint64_t> seeds;
    for (uint64_t seed = *first; seed <= *last; ++seed) seeds.push_back(seed);
    return seeds;
}

std::string seeds_text(const std::vector<uint64_t>& seeds) {
    if (seeds.empty()) return "none";
    bool contiguous = true;
    for (size_t i = 1; i < seeds.size(); ++i) contiguous &= seeds[i] == seeds[i - 1] + 1;
    if (seeds.size() == 1) return std::to_string(seeds[0]);
    if (contiguous) return fmt::format("{}..{}", seeds.front(), seeds.back());
    return fmt::format("{}", fmt::join(seeds, ", "));
}

std::vector<RunResult> sweep(const Scenario& scenario, const std::vector<uint64_t>& seeds,
                             const SweepOptions& options, const RunFunction& run) {
    std::vector<RunResult> results(seeds.size());
    std::vector<std::exception_ptr> errors(seeds.size());
    SweepState state(seeds.size(), options.progress);
    auto worker = [&] {
        while (std::optional<size_t> index = state.take()) {
            uint64_t seed = seeds[*index];
            if (options.replay_line) sim::set_failure_context(options.replay_line(seed));
            try {
                results[*index] = run(scenario, seed);
                results[*index].seed = seed;
            } catch (...) {
                errors[*index] = std::current_exception();
                state.stop();
            }
            state.finished(results[*index].failing);
        }
    };
    size_t jobs = std::clamp<size_t>(size_t(std::max(options.jobs, 1)), 1, seeds.size());
    std::vector<std::thread> threads;
    for (size_t i = 1; i < jobs; ++i) threads.emplace_back(worker);
    worker();
    for (std::thread& thread : threads) thread.join();
    for (const std::exception_ptr& error : errors) {
        if (error) std::rethrow_exception(error);
    }
    return results;
}

SweepSummary summarize(const Expectation& expect, const std::vector<RunResult>& results) {
    SweepSummary summary;
    summary.expect = expect;
    summary.seeds_run = results.size();
    for (const RunResult& result : results) {
        for (const std::string& anomaly : result.anomalies) {
            ++summary.seeds_by_anomaly[anomaly];
        }
        if (result.failing) {
            summary.failing_seeds.push_back(result.seed);
            if (!summary.first_failing_seed) summary.first_failing_seed = result.seed;
        }
        if (!expect.expects_pass() && result.shows(expect.anomaly)) {
            summary.seeds_showing_expected.push_back(result.seed);
        }
    }
    summary.expectation_held = expect.expects_pass() ? summary.failing_seeds.empty()
                                                     : !summary.seeds_showing_expected.empty();
    summary.coverage = summarize_coverage(results);
    return summary;
}

std::string format_summary(const SweepSummary& summary, const ReplayLine& replay_line,
                           size_t max_replay_lines) {
    std::string out;
    out += fmt::format("{:<23}{}\n", "seeds run", summary.seeds_run);
    out += fmt::format("{:<23}{}\n", "failing seeds", summary.failing_seeds.size());
    out += fmt::format("{:<23}{}\n", "first failing seed",
                       summary.first_failing_seed ? std::to_string(*summary.first_failing_seed)
                                                  : "-");
    if (!summary.seeds_by_anomaly.empty()) out += "violations by anomaly (seeds):\n";
    for (const auto& [anomaly, count] : summary.seeds_by_anomaly) {
        out += fmt::format("  {:<20} {}\n", anomaly, count);  // the longest name is 20 wide
    }
    out += fmt::format("{:<23}{} ({})\n", "expected", summary.expect.text(),
                       summary.expectation_held ? "held" : "NOT held");
    size_t shown = 0;
    for (uint64_t seed : summary.failing_seeds) {
        if (shown++ == max_replay_lines) {
            out += fmt::format("... and {} more failing seeds\n",
                               summary.failing_seeds.size() - max_replay_lines);
            break;
        }
        if (replay_line) out += replay_line(seed) + "\n";
    }
    return out;
}

}  // namespace harness
