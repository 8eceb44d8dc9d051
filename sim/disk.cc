// Interim Disk written in the log branch so core/log tests can run; the sim helper's
// version replaces it. Semantics follow sim/disk.h exactly.
#include "sim/disk.h"

#include "sim/assert.h"

namespace sim {

void Disk::append(const std::string& file, std::string_view bytes) {
    File& f = files_[file];
    if (!f.exists) {
        f.exists = true;
        f.data.clear();
    }
    f.data.append(bytes);
    bytes_written_ += bytes.size();
}

void Disk::write_file(const std::string& file, std::string bytes) {
    File& f = files_[file];
    f.exists = true;
    bytes_written_ += bytes.size();
    f.data = std::move(bytes);
}

void Disk::truncate(const std::string& file, uint64_t size) {
    auto it = files_.find(file);
    KS_ASSERT(it != files_.end());
    KS_ASSERT(it->second.exists);
    KS_ASSERT(size <= it->second.data.size());
    it->second.data.resize(size);
}

void Disk::remove(const std::string& file) {
    auto it = files_.find(file);
    if (it == files_.end()) return;
    it->second.exists = false;
    it->second.data.clear();
    // A file that was never durable has nothing a power loss could bring back.
    if (!it->second.durable_exists) files_.erase(it);
}

const std::string* Disk::read(const std::string& file) const {
    auto it = files_.find(file);
    if (it == files_.end() || !it->second.exists) return nullptr;
    return &it->second.data;
}

std::vector<std::string> Disk::list(std::string_view prefix) const {
    std::vector<std::string> names;
    for (auto it = files_.lower_bound(std::string(prefix)); it != files_.end(); ++it) {
        if (it->first.compare(0, prefix.size(), prefix) != 0) break;
        if (it->second.exists) names.push_back(it->first);
    }
    return names;
}

Duration Disk::fsync(const std::string& file) {
    auto it = files_.find(file);
    if (it != files_.end()) {
        File& f = it->second;
        // Appends only extend the file: copy just the new tail when the durable copy is
        // still a prefix, so a flush per message stays linear overall.
        bool prefix = f.durable_exists && f.exists && f.durable.size() <= f.data.size() &&
                      f.data.compare(0, f.durable.size(), f.durable) == 0;
        if (prefix) {
            f.durable.append(f.data, f.durable.size(), std::string::npos);
        } else {
            f.durable = f.data;
        }
        f.durable_exists = f.exists;
        if (!f.exists) files_.erase(it);
    }
    ++fsync_count_;
    return options_.fsync_latency_ns + extra_latency_ns_;
}

Duration Disk::fsync_all() {
    std::vector<std::string> names;
    for (const auto& [name, f] : files_) names.push_back(name);
    for (const std::string& name : names) fsync(name);
    if (names.empty()) ++fsync_count_;
    return options_.fsync_latency_ns + extra_latency_ns_;
}

void Disk::on_power_loss() {
    for (auto it = files_.begin(); it != files_.end();) {
        File& f = it->second;
        if (!f.durable_exists) {
            it = files_.erase(it);
            continue;
        }
        f.data = f.durable;
        f.exists = true;
        ++it;
    }
}

}  // namespace sim
