// Streaming multipart/form-data: the same parts whatever the pieces the body arrives in.
#include "http/multipart_parser.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dss::http {
namespace {

struct Part {
    std::string name;
    std::string filename;  // "<none>" when the part has none
    std::string data;
};

// Feeds `body` in pieces of `piece` bytes and collects the parts.
std::vector<Part> parse(const std::string& body, std::size_t piece, bool* done = nullptr) {
    std::vector<Part> parts;
    MultipartParser parser(
        "XyZ", {[&](const PartHeader& header) {
                    parts.push_back({header.name, header.filename.value_or("<none>"), ""});
                },
                [&](std::string_view data) { parts.back().data += data; }, [] {}});
    for (std::size_t at = 0; at < body.size(); at += piece) parser.feed(body.substr(at, piece));
    if (done != nullptr) *done = parser.done();
    return parts;
}

const std::string kBody =
    "preamble to ignore\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
    "token123\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"csv_file\"; filename=\"a \\\"b\\\".csv\"\r\n"
    "Content-Type: text/csv\r\n\r\n"
    "a,b\r\n1,2,x--XyZ\r\n\r\n--X\r\n"
    "--XyZ--\r\n"
    "epilogue";

TEST(MultipartParser, FindsPartsWhateverThePieceSize) {
    for (std::size_t piece : {1UL, 2UL, 3UL, 7UL, 13UL, 64UL, 4096UL}) {
        bool done = false;
        auto parts = parse(kBody, piece, &done);
        ASSERT_EQ(parts.size(), 2U) << piece;
        EXPECT_EQ(parts[0].name, "csrf_token");
        EXPECT_EQ(parts[0].filename, "<none>");
        EXPECT_EQ(parts[0].data, "token123");
        EXPECT_EQ(parts[1].name, "csv_file");
        EXPECT_EQ(parts[1].filename, "a \"b\".csv");
        // Text that only looks like the boundary stays data.
        EXPECT_EQ(parts[1].data, "a,b\r\n1,2,x--XyZ\r\n\r\n--X") << piece;
        EXPECT_TRUE(done);
    }
}

TEST(MultipartParser, AnEmptyFileAndAnUnfinishedBody) {
    bool done = true;
    auto parts = parse(
        "--XyZ\r\nContent-Disposition: form-data; name=\"csv_file\"; filename=\"\"\r\n\r\n"
        "\r\n--XyZ--",
        5, &done);
    ASSERT_EQ(parts.size(), 1U);
    EXPECT_EQ(parts[0].filename, "");
    EXPECT_EQ(parts[0].data, "");
    EXPECT_TRUE(done);
    parse(kBody.substr(0, kBody.size() / 2), 16, &done);
    EXPECT_FALSE(done);
}

TEST(MultipartParser, MalformedBodiesAreErrors) {
    EXPECT_THROW(parse("--XyZ\r\nno colon here\r\n\r\nx\r\n--XyZ--", 4), MultipartError);
    EXPECT_THROW(parse("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", 4), MultipartError);
    EXPECT_THROW(parse("--XyZ\r\nContent-Disposition: attachment\r\n\r\nx\r\n--XyZ--", 4),
                 MultipartError);
    EXPECT_THROW(parse("--XyZ\r\nContent-Disposition: form-data; name=\"x\r\n\r\nx\r\n--XyZ--", 4),
                 MultipartError);
    EXPECT_THROW(parse("--XyZ" + std::string("junk"), 4), MultipartError);
    // The boundary may not appear inside a part (RFC 2046): such a body is refused.
    EXPECT_THROW(parse("--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n"
                       "a\r\n--XyZjunk\r\n--XyZ--",
                       4),
                 MultipartError);
    // Headers without end, and no boundary at all, are bounded.
    EXPECT_THROW(
        parse("--XyZ\r\nContent-Disposition: form-data; name=\"" + std::string(20000, 'a'), 1000),
        MultipartError);
    EXPECT_THROW(parse(std::string(20000, 'a'), 1000), MultipartError);
}

TEST(MultipartParser, BoundaryComesFromTheContentType) {
    EXPECT_EQ(MultipartParser::boundary_of("multipart/form-data; boundary=abc"), "abc");
    EXPECT_EQ(MultipartParser::boundary_of("Multipart/Form-Data; charset=x; boundary=\"a b\""),
              "a b");
    EXPECT_EQ(MultipartParser::boundary_of("multipart/form-data"), std::nullopt);
    EXPECT_EQ(MultipartParser::boundary_of("text/csv; boundary=abc"), std::nullopt);
    EXPECT_EQ(MultipartParser::boundary_of("multipart/form-data; boundary=" + std::string(71, 'b')),
              std::nullopt);
}

}  // namespace
}  // namespace dss::http
