// URL helpers used to reach maintenance and per-test databases, and to keep passwords out of logs.
#include "db/database_url.hpp"

#include <gtest/gtest.h>

namespace dss::db {
namespace {

TEST(DatabaseUrl, FindsTheDatabaseName) {
    EXPECT_EQ(database_of("postgresql://u:p@h:5432/dss?sslmode=require"), "dss");
    EXPECT_EQ(database_of("postgresql://h"), "");
}

TEST(DatabaseUrl, ReplacesTheDatabaseKeepingTheRest) {
    EXPECT_EQ(with_database("postgresql://u:p@h:5432/dss?sslmode=require", "postgres"),
              "postgresql://u:p@h:5432/postgres?sslmode=require");
    EXPECT_EQ(with_database("postgresql://h:1", "x"), "postgresql://h:1/x");
    EXPECT_EQ(with_database("postgresql://h?a=b", "x"), "postgresql://h/x?a=b");
}

TEST(DatabaseUrl, RedactsPasswords) {
    EXPECT_EQ(redact_password("postgresql://user:secret@h/db"), "postgresql://user:***@h/db");
    EXPECT_EQ(redact_password("postgresql://user@h/db"), "postgresql://user@h/db");
    EXPECT_EQ(redact_password("postgresql://h:5432/db"), "postgresql://h:5432/db");
}

TEST(DatabaseUrl, PasswordsAreRedactedWhereverLibpqFindsThem) {
    for (const auto* url :
         {"postgresql://user:se/cret@h/db", "postgresql://user:se%40cret@h/db",
          "postgresql://user@h/db?password=secret", "host=h user=user password=secret dbname=db",
          "postgresql://user:p%2Fsecret@h:5433/db?sslmode=disable",
          "postgresql://user:x@h/db?sslpassword=secret"}) {
        auto redacted = redact_password(url);
        EXPECT_EQ(redacted.find("secret"), std::string::npos) << url << " -> " << redacted;
        EXPECT_NE(redacted.find("user"), std::string::npos) << redacted;
        EXPECT_NE(redacted.find("***"), std::string::npos) << redacted;
    }
    EXPECT_EQ(redact_password("postgresql://user:p%2Fsecret@h:5433/db?sslmode=disable"),
              "postgresql://user:***@h:5433/db?sslmode=disable");
    EXPECT_EQ(redact_password("postgresql://u:secret@h/db?bad_option=x").find("secret"),
              std::string::npos);
}

}  // namespace
}  // namespace dss::db
