#pragma once
// Deterministic randomness: SplitMix64 seeding, xoshiro256** output, integer
// probabilities and every distribution written here, so a seed means the same run on
// every standard library and machine.

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/time.h"

namespace sim {

/// A chance of num/den, in integers: no floating point decides a run.
struct Ratio {
    uint64_t numerator = 0;
    uint64_t denominator = 1;
};

class Rng {
   public:
    explicit Rng(uint64_t seed);

    /// A child stream named `name`: depends only on this stream's seed and the name, not
    /// on how much this stream has been used, so adding a component never perturbs others.
    Rng child(std::string_view name) const;
    Rng child(std::string_view name, uint64_t index) const;

    uint64_t next();
    /// Uniform in [0, bound), unbiased (Lemire's method). REQUIRES: bound > 0.
    uint64_t uniform(uint64_t bound);
    /// Uniform in [low, high], inclusive. REQUIRES: low <= high.
    int64_t between(int64_t low, int64_t high);
    bool chance(Ratio ratio);
    /// Exponentially distributed with the given mean, in integer nanoseconds.
    Duration exponential(Duration mean);
    /// Approximately normal (sum of 12 uniforms), clamped to [mean - 6sd, mean + 6sd].
    int64_t normal(int64_t mean, int64_t standard_deviation);

    template <typename T>
    void shuffle(std::vector<T>& items) {
        for (size_t i = items.size(); i > 1; --i) {
            std::swap(items[i - 1], items[uniform(i)]);
        }
    }
    template <typename T>
    const T& pick(const std::vector<T>& items) {
        KS_ASSERT(!items.empty());
        return items[uniform(items.size())];
    }

    uint64_t seed() const { return seed_; }

   private:
    uint64_t seed_;
    uint64_t state_[4];
};

/// SplitMix64 step: also the hash used to derive child seeds.
uint64_t splitmix64(uint64_t& state);
/// FNV-1a 64-bit of bytes; stable across machines.
uint64_t fnv1a64(std::string_view bytes, uint64_t seed = 0xcbf29ce484222325ULL);

}  // namespace sim
