// kafkasim check's speed on long histories with transactions (issue 22: 1,000,000 rows in
// under 5 s and 1 GiB). Method: a generated history shaped like a harness run — a producer
// sending to six partitions (invoke and ok rows), a consume-transform-produce stage that
// reads batches of five inside a transaction and writes five outputs with its offset
// commits (txn column), one transaction in twenty aborted, and a verifier polling the
// output — is written to a CSV file once, then read and checked per iteration. The file
// stays in the temporary directory so `kafkasim check` can be timed on the same input.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "check/checker.h"
#include "check/history_csv.h"

namespace {

constexpr int32_t kPartitions = 6;
constexpr int64_t kBatch = 5;

struct Generator {
    check::History history;
    int64_t time = 0;
    std::vector<int64_t> next_offset = std::vector<int64_t>(2 * kPartitions, 0);

    void row(const std::string& process, check::OpType type, check::OpFunction f,
             const std::string& topic, std::optional<int32_t> partition,
             const std::string& value, std::optional<int64_t> offset, const std::string& txn) {
        check::Op op;
        op.time_ns = ++time;
        op.process = process;
        op.type = type;
        op.f = f;
        op.topic = topic;
        op.partition = partition;
        op.value = value;
        op.offset = offset;
        op.txn = txn;
        history.append(std::move(op));
    }

    /// One input batch: sent, polled and transformed in one transaction, then verified.
    void batch(int64_t number) {
        using check::OpFunction;
        using check::OpType;
        const int32_t partition = static_cast<int32_t>(number % kPartitions);
        const std::string txn = "enricher-transform-1:" + std::to_string(number);
        const bool aborted = number % 20 == 19;
        std::vector<std::pair<std::string, int64_t>> inputs;
        for (int64_t i = 0; i < kBatch; ++i) {
            const std::string value = "orders-" + std::to_string(number * kBatch + i);
            const int64_t offset = next_offset[partition]++;
            row("orders", OpType::Invoke, OpFunction::Send, "orders", {}, value, {}, "");
            row("orders", OpType::Ok, OpFunction::Send, "orders", partition, value, offset, "");
            inputs.emplace_back(value, offset);
        }
        row("enricher-1", OpType::Invoke, OpFunction::Poll, "orders", {}, "", {}, txn);
        for (const auto& [value, offset] : inputs) {
            row("enricher-1", OpType::Ok, OpFunction::Poll, "orders", partition, value, offset,
                txn);
        }
        std::vector<std::pair<std::string, int64_t>> outputs;
        for (const auto& [value, offset] : inputs) {
            const std::string output = value + "@enricher-1#" + std::to_string(offset);
            row("enricher-1", OpType::Invoke, OpFunction::Send, "enriched", {}, output, {}, txn);
            outputs.emplace_back(output, next_offset[kPartitions + partition]++);
        }
        for (const auto& [output, offset] : outputs) {
            if (aborted) {
                row("enricher-1", OpType::Fail, OpFunction::Send, "enriched", partition, output,
                    {}, txn);
            } else {
                row("enricher-1", OpType::Ok, OpFunction::Send, "enriched", partition, output,
                    offset, txn);
            }
        }
        ++next_offset[kPartitions + partition];  // the transaction marker
        if (aborted) return;
        row("verifier-1", OpType::Invoke, OpFunction::Poll, "enriched", {}, "", {}, "");
        for (const auto& [output, offset] : outputs) {
            row("verifier-1", OpType::Ok, OpFunction::Poll, "enriched", partition, output,
                offset, "");
        }
    }
};

/// The generated history's CSV file with at least `rows` rows (written once per size).
std::string history_file(int64_t rows) {
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("kafkasim_check_bench_" + std::to_string(rows) + ".csv"))
                                 .string();
    if (std::filesystem::exists(path)) return path;
    Generator generator;
    generator.history.reserve(static_cast<size_t>(rows) + 64);
    for (int64_t number = 0; static_cast<int64_t>(generator.history.size()) < rows; ++number) {
        generator.batch(number);
    }
    if (!check::write_history_csv_file(generator.history, path).ok()) std::abort();
    return path;
}

void BM_CheckHistoryFile(benchmark::State& state) {
    const std::string path = history_file(state.range(0));
    size_t anomalies = 0;
    for (auto _ : state) {
        sim::Result<check::Verdict> verdict = check::check_history_file(path);
        if (!verdict.ok()) std::abort();
        anomalies = verdict.value().anomalies.size();
        benchmark::DoNotOptimize(anomalies);
    }
    state.counters["rows"] = static_cast<double>(state.range(0));
    state.counters["anomalies"] = static_cast<double>(anomalies);
    state.counters["rows_per_s"] = benchmark::Counter(
        static_cast<double>(state.range(0)) * static_cast<double>(state.iterations()),
        benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CheckHistoryFile)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
