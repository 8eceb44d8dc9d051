#include "sim/rng.h"

namespace sim {
namespace {

uint64_t rotate_left(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

uint64_t splitmix64(uint64_t& state) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t fnv1a64(std::string_view bytes, uint64_t seed) {
    uint64_t hash = seed;
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

Rng::Rng(uint64_t seed) : seed_(seed) {
    uint64_t s = seed;
    for (uint64_t& word : state_) word = splitmix64(s);
}

Rng Rng::child(std::string_view name) const {
    uint64_t mixed = fnv1a64(name, seed_ ^ 0x6a09e667f3bcc909ULL);
    return Rng(splitmix64(mixed));
}

Rng Rng::child(std::string_view name, uint64_t index) const {
    uint64_t mixed = fnv1a64(name, seed_ ^ 0x6a09e667f3bcc909ULL) + index * 0x9e3779b97f4a7c15ULL;
    return Rng(splitmix64(mixed));
}

uint64_t Rng::next() {
    const uint64_t result = rotate_left(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotate_left(state_[3], 45);
    return result;
}

uint64_t Rng::uniform(uint64_t bound) {
    KS_ASSERT(bound > 0);
    // Lemire: multiply-shift with rejection of the biased low region.
    unsigned __int128 product = static_cast<unsigned __int128>(next()) * bound;
    uint64_t low = static_cast<uint64_t>(product);
    if (low < bound) {
        const uint64_t threshold = (0 - bound) % bound;
        while (low < threshold) {
            product = static_cast<unsigned __int128>(next()) * bound;
            low = static_cast<uint64_t>(product);
        }
    }
    return static_cast<uint64_t>(product >> 64);
}

int64_t Rng::between(int64_t low, int64_t high) {
    KS_ASSERT(low <= high);
    const uint64_t span = static_cast<uint64_t>(high) - static_cast<uint64_t>(low);
    if (span == UINT64_MAX) return static_cast<int64_t>(next());
    return static_cast<int64_t>(static_cast<uint64_t>(low) + uniform(span + 1));
}

bool Rng::chance(Ratio ratio) {
    KS_ASSERT(ratio.denominator > 0);
    KS_ASSERT(ratio.numerator <= ratio.denominator);
    if (ratio.numerator == 0) return false;
    return uniform(ratio.denominator) < ratio.numerator;
}

Duration Rng::exponential(Duration mean) {
    KS_ASSERT(mean >= 0);
    if (mean == 0) return 0;
    // Inverse CDF in fixed point: -ln(u) computed by integer log2 with a 16-bit
    // fractional table-free refinement. u in (0, 1] with 2^32 steps.
    const uint64_t u = (next() >> 32) + 1;  // 1 .. 2^32
    // -ln(u / 2^32) = (32 - log2(u)) * ln 2. log2 via leading zeros + linear mantissa.
    const int high_bit = 63 - __builtin_clzll(u);
    const uint64_t mantissa = (u << (63 - high_bit)) & 0x7fffffffffffffffULL;  // frac in 2^-63
    // log2(1 + f) ~ f + f*(1-f)*0.346 (max error < 0.005), in 2^-32 fixed point.
    const uint64_t f = mantissa >> 31;                  // 2^-32 units
    const uint64_t correction = (f * ((1ULL << 32) - f) >> 32) * 346 / 1000;
    const uint64_t log2_u = (static_cast<uint64_t>(high_bit) << 32) + f + correction;
    const uint64_t neg_log2 = (32ULL << 32) - log2_u;  // 2^-32 units, >= 0
    // ln 2 = 0.693147 ~ 693147 / 1000000.
    const unsigned __int128 scaled =
        static_cast<unsigned __int128>(neg_log2) * static_cast<uint64_t>(mean) * 693147 / 1000000;
    return static_cast<Duration>(scaled >> 32);
}

int64_t Rng::normal(int64_t mean, int64_t standard_deviation) {
    KS_ASSERT(standard_deviation >= 0);
    // Irwin-Hall: the sum of 12 uniforms in [0, 1) minus 6 has variance 1.
    int64_t sum = 0;
    constexpr int64_t kScale = 1 << 20;
    for (int i = 0; i < 12; ++i) sum += static_cast<int64_t>(uniform(kScale));
    sum -= 6 * kScale;
    const __int128 offset = static_cast<__int128>(sum) * standard_deviation / kScale;
    return mean + static_cast<int64_t>(offset);
}

}  // namespace sim
