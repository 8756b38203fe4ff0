// A scoped transaction: rolled back unless committed.
#pragma once

#include "db/connection.hpp"

namespace dss::db {

class Transaction {
   public:
    explicit Transaction(Connection& connection);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    void commit();
    void rollback();

    Connection& connection() { return connection_; }

   private:
    Connection& connection_;
    bool finished_ = false;
};

}  // namespace dss::db
