// A bounded pool of connections, opened lazily and replaced when they break.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace dss::db {

class Pool;

// A connection on loan from a Pool; returned (or discarded if broken) when destroyed.
class PooledConnection {
   public:
    PooledConnection(Pool& pool, std::unique_ptr<Connection> connection);
    PooledConnection(PooledConnection&& other) noexcept = default;
    PooledConnection& operator=(PooledConnection&&) = delete;
    PooledConnection(const PooledConnection&) = delete;
    PooledConnection& operator=(const PooledConnection&) = delete;
    ~PooledConnection();

    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> connection_;
};

struct PoolOptions {
    std::string url;
    unsigned size = 8;
    ConnectOptions connect;
    // How long acquire() waits for a free connection before giving up.
    std::chrono::milliseconds acquire_timeout{30'000};
};

class Pool {
   public:
    explicit Pool(PoolOptions options);
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;
    Pool(Pool&&) = delete;
    Pool& operator=(Pool&&) = delete;
    ~Pool() = default;

    // Throws ConnectionError when no connection can be opened or none frees up in time.
    PooledConnection acquire();

    // Cancels the statements of every connection on loan (a server stopping past its
    // deadline); their borrowers see query_canceled, and acquire() refuses from now on.
    void cancel_running();

    unsigned size() const { return options_.size; }
    const std::string& url() const { return options_.url; }

   private:
    friend class PooledConnection;
    void give_back(std::unique_ptr<Connection> connection);
    std::unique_ptr<Connection> take_idle_alive(std::unique_lock<std::mutex>& lock);

    PoolOptions options_;
    std::mutex mutex_;
    std::condition_variable freed_;
    std::vector<std::unique_ptr<Connection>> idle_;
    std::vector<const Connection*> on_loan_;
    unsigned open_ = 0;  // idle plus on loan plus being opened
    bool stopping_ = false;
};

}  // namespace dss::db
