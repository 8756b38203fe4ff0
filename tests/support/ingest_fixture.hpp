// The fixture of the dss ingest tests: a migrated database of its own, a storage folder, and
// helpers to add files, run dss against both and read tables back.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "db/migrator.hpp"
#include "db/schema_lock.hpp"
#include "db/transaction.hpp"
#include "support/child_process.hpp"
#include "support/temporary_directory.hpp"
#include "support/test_database.hpp"

namespace dss::test {

// The header of the BACI trade files the ingest tests load (dit.baci).
constexpr const char* kBaciHeader = "t,hs6,i,j,v,q\n";

class Ingest : public ::testing::Test {
   protected:
    TestDatabase database;
    TemporaryDirectory storage;
    db::Connection connection = database.connect();

    void SetUp() override {
        db::Migrator(connection, db::parse_migrations(db::embedded_migrations())).upgrade();
    }

    // Files get increasing modification times, so that they load in the order written.
    void add_file(const std::string& name, const std::string& text) {
        auto path = storage.write("datasets/" + name, text);
        static int tick = 0;
        std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now() -
                                                   std::chrono::hours(1000) +
                                                   std::chrono::seconds(++tick));
    }

    CommandResult dss(std::vector<std::string> arguments, EnvironmentOverrides extra = {}) {
        // Settings the test gives win over these defaults.
        extra.insert(
            {{"DSS_DATABASE_URL", database.url()}, {"S3_BUCKET_URL", storage.path().string()}});
        return run_dss(std::move(arguments), extra);
    }

    std::vector<std::string> rows(const std::string& sql) {
        auto result = connection.execute(sql);
        std::vector<std::string> out;
        for (int row = 0; row < result.rows(); ++row) {
            std::string line;
            for (int column = 0; column < result.columns(); ++column) {
                line += (column > 0 ? "|" : "") + (result.is_null(row, column)
                                                       ? std::string("NULL")
                                                       : std::string(result.text(row, column)));
            }
            out.push_back(line);
        }
        return out;
    }

    std::string registry(const std::string& file) {
        auto found = rows(
            "SELECT state::text, coalesce(error_message, '') FROM operations.datafile_registry "
            "WHERE file_name = '" +
            file + "'");
        return found.empty() ? "none" : found.front();
    }

    // Holds the write lock of a source's schema (its id, for the shipped sources) until the
    // returned transaction ends, so that runs queue.
    std::unique_ptr<db::Transaction> hold_source_lock(const std::string& schema) {
        auto holder = std::make_unique<db::Transaction>(connection);
        db::lock_schema_for_writing(connection, schema);
        return holder;
    }

    // Waits (up to 10 s) until `count` sessions wait for an advisory lock; returns how many do.
    long wait_for_lock_waiters(long count) {
        auto observer = database.connect();
        auto waiting = [&] {
            return observer
                .execute(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                .get<long>(0, 0);
        };
        for (int i = 0; i < 500 && waiting() < count; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return waiting();
    }

    // Both tables of a source whose L1 copies L0 hold `expected`.
    void expect_l0_and_l1(const std::string& schema, const std::string& columns,
                          const std::vector<std::string>& expected) {
        for (const auto* table : {"L0", "L1"}) {
            EXPECT_EQ(
                rows("SELECT " + columns + " FROM \"" + schema + "\".\"" + table + "\" ORDER BY 1"),
                expected)
                << table;
        }
    }
};

}  // namespace dss::test
