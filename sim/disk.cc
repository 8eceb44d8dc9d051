#include "sim/disk.h"

#include "sim/assert.h"
#include "sim/event_loop.h"

namespace sim {

void Disk::append(const std::string& file, std::string_view bytes) {
    File& f = files_[file];
    if (!f.exists) {
        // A file removed (not yet durably) and written again starts empty.
        f.exists = true;
        f.data.clear();
        f.rewritten = true;
    }
    f.data.append(bytes);
    bytes_written_ += bytes.size();
}

void Disk::write_file(const std::string& file, std::string bytes) {
    File& f = files_[file];
    f.exists = true;
    f.rewritten = true;
    bytes_written_ += bytes.size();
    f.data = std::move(bytes);
}

void Disk::truncate(const std::string& file, uint64_t size) {
    auto it = files_.find(file);
    KS_ASSERT(it != files_.end());
    KS_ASSERT(it->second.exists);
    KS_ASSERT(size <= it->second.data.size());
    if (size < it->second.data.size()) it->second.rewritten = true;
    it->second.data.resize(size);
}

void Disk::remove(const std::string& file) {
    auto it = files_.find(file);
    if (it == files_.end()) return;
    // Keep the entry while a durable copy exists: a power loss before the next fsync
    // brings the file back, as an unsynced unlink would on a real file system.
    if (it->second.durable_exists) {
        it->second.exists = false;
        it->second.data.clear();
        it->second.rewritten = true;
    } else {
        files_.erase(it);
    }
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

void Disk::make_durable(File& file) {
    if (file.rewritten || !file.durable_exists || file.durable.size() > file.data.size()) {
        file.durable = file.data;
    } else {
        file.durable.append(file.data, file.durable.size());
    }
    file.durable_exists = true;
    file.rewritten = false;
}

void Disk::stall_until(Time until) {
    KS_ASSERT(clock_ != nullptr);
    stalled_until_ = until;
}

Duration Disk::fsync_latency() const {
    Duration latency = options_.fsync_latency_ns + extra_latency_ns_;
    if (clock_ != nullptr && stalled_until_ > clock_->now()) {
        latency += stalled_until_ - clock_->now();
    }
    return latency;
}

Duration Disk::fsync(const std::string& file) {
    ++fsync_count_;
    auto it = files_.find(file);
    if (it != files_.end()) {
        File& f = it->second;
        if (f.exists) {
            make_durable(f);
        } else {
            files_.erase(it);  // the removal is now durable
        }
    }
    return fsync_latency();
}

Duration Disk::fsync_all() {
    ++fsync_count_;
    for (auto it = files_.begin(); it != files_.end();) {
        if (!it->second.exists) {
            it = files_.erase(it);
            continue;
        }
        make_durable(it->second);
        ++it;
    }
    return fsync_latency();
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
        f.rewritten = false;
        ++it;
    }
}

}  // namespace sim
