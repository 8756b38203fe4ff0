// A bounded map whose entries expire: the least recently used entry makes room for a new one,
// so a flood of new keys (random client ids, random table names) pushes out old entries one by
// one instead of emptying the whole map at once. Thread-safe.
#pragma once

#include <chrono>
#include <list>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>

namespace dss::core {

template <typename Key, typename Value, typename Hash = std::hash<Key>>
class ExpiringCache {
   public:
    using Clock = std::chrono::steady_clock;

    ExpiringCache(std::size_t capacity, Clock::duration lifetime)
        : capacity_(capacity), lifetime_(lifetime) {}

    // The value while it is fresh.
    std::optional<Value> find(const Key& key, Clock::time_point now = Clock::now()) {
        std::lock_guard lock(mutex_);
        auto found = index_.find(key);
        if (found == index_.end()) return std::nullopt;
        auto entry = found->second;
        if (entry->expires <= now) {
            order_.erase(entry);
            index_.erase(found);
            return std::nullopt;
        }
        order_.splice(order_.begin(), order_, entry);
        return entry->value;
    }

    void put(const Key& key, Value value, Clock::time_point now = Clock::now()) {
        std::lock_guard lock(mutex_);
        if (auto found = index_.find(key); found != index_.end()) {
            order_.erase(found->second);
            index_.erase(found);
        }
        if (capacity_ == 0) return;
        if (index_.size() >= capacity_) {
            index_.erase(order_.back().key);
            order_.pop_back();
        }
        order_.push_front({key, std::move(value), now + lifetime_});
        index_.emplace(key, order_.begin());
    }

    void forget(const Key& key) {
        std::lock_guard lock(mutex_);
        if (auto found = index_.find(key); found != index_.end()) {
            order_.erase(found->second);
            index_.erase(found);
        }
    }

    std::size_t size() const {
        std::lock_guard lock(mutex_);
        return index_.size();
    }

   private:
    struct Entry {
        Key key;
        Value value;
        Clock::time_point expires;
    };

    std::size_t capacity_;
    Clock::duration lifetime_;
    mutable std::mutex mutex_;
    std::list<Entry> order_;  // most recently used first
    std::unordered_map<Key, typename std::list<Entry>::iterator, Hash> index_;
};

}  // namespace dss::core
