#include "harness/scenario/scenario.h"

#include <fmt/format.h>

#include <charconv>

#include "harness/scenario/toml.h"
#include "sim/faults/fault.h"

namespace harness {
namespace {

sim::Error bad_target(std::string_view text) {
    return sim::Error{"", "expected a target such as broker:N, controller:N, leader(topic,P), "
                          "followers(topic,P), controller-leader, coordinator(group), "
                          "consumer(group,N) or producer(name), got \"" +
                              std::string(text) + "\""};
}

std::optional<int32_t> parse_index(std::string_view text) {
    int32_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0) return {};
    return value;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

}  // namespace

const std::vector<std::string>& fault_kinds() {
    // sim's registry is the one list of kinds; the harness only keeps their names.
    static const std::vector<std::string> kinds = [] {
        std::vector<std::string> names;
        for (const sim::FaultKind& kind : sim::fault_kinds()) names.emplace_back(kind.name);
        return names;
    }();
    return kinds;
}

sim::FaultSpec sim_fault_spec(const FaultSpec& fault) {
    sim::FaultSpec spec(fault.params.begin(), fault.params.end());
    spec["kind"] = fault.kind;
    spec["at"] = sim::format_duration(fault.at);
    if (fault.duration) spec["duration"] = sim::format_duration(*fault.duration);
    std::string target = fault.target.text();
    if (!target.empty()) spec["target"] = target;
    return spec;
}

const char* to_string(CommitMode mode) {
    switch (mode) {
        case CommitMode::AfterProcessing: return "after-processing";
        case CommitMode::BeforeProcessing: return "before-processing";
        case CommitMode::Auto: return "auto";
        case CommitMode::Transaction: return "transaction";
    }
    KS_UNREACHABLE();
}

std::string readable_duration(sim::Duration duration) {
    if (duration < sim::kSecond || duration % sim::kMillisecond != 0) {
        return sim::format_duration(duration);
    }
    std::string text = fmt::format("{}.{:03}", duration / sim::kSecond,
                                   duration % sim::kSecond / sim::kMillisecond);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text + "s";
}

const char* to_string(SinkMode sink) {
    switch (sink) {
        case SinkMode::None: return "none";
        case SinkMode::Idempotent: return "idempotent";
    }
    KS_UNREACHABLE();
}

const char* to_string(StepAction action) {
    switch (action) {
        case StepAction::CreateTopic: return "create-topic";
        case StepAction::DeleteTopic: return "delete-topic";
        case StepAction::DescribeTopic: return "describe-topic";
        case StepAction::ListTopics: return "list-topics";
    }
    KS_UNREACHABLE();
}

std::string FaultTarget::text() const {
    switch (kind) {
        case Kind::None: return "";
        case Kind::Broker: return "broker:" + std::to_string(number);
        case Kind::Controller: return "controller:" + std::to_string(number);
        case Kind::Leader: return "leader(" + name + "," + std::to_string(number) + ")";
        case Kind::Followers: return "followers(" + name + "," + std::to_string(number) + ")";
        case Kind::ControllerLeader: return "controller-leader";
        case Kind::Coordinator: return "coordinator(" + name + ")";
        case Kind::Consumer: return "consumer(" + name + "," + std::to_string(number) + ")";
        case Kind::Producer: return "producer(" + name + ")";
    }
    KS_UNREACHABLE();
}

bool Scenario::operator==(const Scenario& other) const {
    return name == other.name && description == other.description &&
           duration == other.duration && seeds == other.seeds && expect == other.expect &&
           drain == other.drain && cluster == other.cluster && topics == other.topics &&
           producers == other.producers && consumers == other.consumers &&
           faults == other.faults && nemesis == other.nemesis && steps == other.steps &&
           liveness == other.liveness && coverage == other.coverage;
}

sim::Result<FaultTarget> parse_fault_target(std::string_view text) {
    using Kind = FaultTarget::Kind;
    if (text == "controller-leader") return FaultTarget{Kind::ControllerLeader, 0, ""};
    for (auto [prefix, kind] : {std::pair{"broker:", Kind::Broker},
                                std::pair{"controller:", Kind::Controller}}) {
        std::string_view p = prefix;
        if (text.substr(0, p.size()) != p) continue;
        std::optional<int32_t> id = parse_index(text.substr(p.size()));
        if (!id) return bad_target(text);
        return FaultTarget{kind, *id, ""};
    }
    size_t open = text.find('(');
    if (open == std::string_view::npos || text.back() != ')') return bad_target(text);
    std::string_view role = text.substr(0, open);
    std::string_view inside = text.substr(open + 1, text.size() - open - 2);
    size_t comma = inside.find(',');
    std::string_view name = trim(inside.substr(0, comma));
    if (name.empty()) return bad_target(text);
    if (role == "coordinator" || role == "producer") {
        if (comma != std::string_view::npos) return bad_target(text);
        Kind kind = role == "coordinator" ? Kind::Coordinator : Kind::Producer;
        return FaultTarget{kind, 0, std::string(name)};
    }
    if (role != "leader" && role != "followers" && role != "consumer") return bad_target(text);
    if (comma == std::string_view::npos) return bad_target(text);
    std::optional<int32_t> number = parse_index(trim(inside.substr(comma + 1)));
    if (!number) return bad_target(text);
    Kind kind = role == "leader"      ? Kind::Leader
                : role == "followers" ? Kind::Followers
                                      : Kind::Consumer;
    return FaultTarget{kind, *number, std::string(name)};
}

sim::Result<std::vector<std::string>> expand_key_pattern(std::string_view pattern) {
    auto bad = [&] {
        return sim::Error{"", "expected a key pattern such as \"truck_{1..50}\" (one "
                              "{A..B} range, A <= B, at most 1000000 keys), got \"" +
                                  std::string(pattern) + "\""};
    };
    size_t open = pattern.find('{');
    if (open == std::string_view::npos) {
        if (pattern.find('}') != std::string_view::npos || pattern.empty()) return bad();
        return std::vector<std::string>{std::string(pattern)};
    }
    size_t close = pattern.find('}', open);
    size_t dots = pattern.find("..", open);
    if (close == std::string_view::npos || dots == std::string_view::npos || dots > close) {
        return bad();
    }
    std::string_view suffix = pattern.substr(close + 1);
    if (suffix.find_first_of("{}") != std::string_view::npos) return bad();
    std::optional<int32_t> first = parse_index(pattern.substr(open + 1, dots - open - 1));
    std::optional<int32_t> last = parse_index(pattern.substr(dots + 2, close - dots - 2));
    if (!first || !last || *first > *last || *last - *first >= 1000000) return bad();
    std::vector<std::string> keys;
    std::string prefix(pattern.substr(0, open));
    for (int32_t n = *first; n <= *last; ++n) {
        keys.push_back(prefix + std::to_string(n) + std::string(suffix));
    }
    return keys;
}

}  // namespace harness
