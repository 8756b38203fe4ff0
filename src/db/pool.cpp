// Pool bookkeeping. Connections are opened outside the lock so a slow server does not block
// threads that could reuse an idle connection.
#include "db/pool.hpp"

#include <thread>

#include "db/errors.hpp"

namespace dss::db {

PooledConnection::PooledConnection(Pool& pool, std::unique_ptr<Connection> connection)
    : pool_(&pool), connection_(std::move(connection)) {}

PooledConnection::~PooledConnection() {
    if (connection_ != nullptr) pool_->give_back(std::move(connection_));
}

Pool::Pool(PoolOptions options) : options_(std::move(options)) {}

std::unique_ptr<Connection> Pool::take_idle_alive(std::unique_lock<std::mutex>& lock) {
    while (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        lock.unlock();
        bool alive = connection->is_alive();
        lock.lock();
        if (alive) return connection;
        --open_;  // the server went away meanwhile (restart, idle timeout): drop it
    }
    return nullptr;
}

PooledConnection Pool::acquire() {
    std::unique_lock lock(mutex_);
    auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
    while (true) {
        if (stopping_) throw ConnectionError("the server is stopping");
        if (auto connection = take_idle_alive(lock)) {
            on_loan_.push_back(connection.get());
            return {*this, std::move(connection)};
        }
        if (open_ < options_.size) break;
        if (freed_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
            open_ >= options_.size) {
            throw ConnectionError("no database connection became free within " +
                                  std::to_string(options_.acquire_timeout.count()) + " ms");
        }
    }
    ++open_;
    lock.unlock();
    std::unique_ptr<Connection> connection;
    try {
        connection = std::make_unique<Connection>(options_.url, options_.connect);
    } catch (...) {
        lock.lock();
        --open_;
        freed_.notify_one();
        throw;
    }
    lock.lock();
    on_loan_.push_back(connection.get());
    lock.unlock();
    return {*this, std::move(connection)};
}

void Pool::cancel_running() {
    std::vector<std::shared_ptr<PGcancel>> cancellers;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (const auto* connection : on_loan_) cancellers.push_back(connection->canceller());
        freed_.notify_all();
    }
    // Each cancel opens a connection of its own; an unreachable server must not hold up the
    // caller (a server past its shutdown deadline), so they run on their own threads.
    for (auto& canceller : cancellers) {
        std::thread([canceller = std::move(canceller)] { cancel_statement(canceller); }).detach();
    }
}

void Pool::give_back(std::unique_ptr<Connection> connection) {
    // A connection left inside a transaction, or broken, is not reusable.
    bool reusable = connection->is_open() && !connection->in_transaction();
    std::lock_guard lock(mutex_);
    std::erase(on_loan_, connection.get());
    if (reusable) {
        idle_.push_back(std::move(connection));
    } else {
        --open_;
    }
    freed_.notify_one();
}

}  // namespace dss::db
