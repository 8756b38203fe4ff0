// CsvRecords and detect_encoding: RFC 4180 records, line ends, blank lines, byte-order marks,
// encodings and their errors, whatever the pieces the input arrives in.
#include "uploader/csv_records.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/piece_stream.hpp"
#include "uploader/csv_check_error.hpp"
#include "uploader/encoding_detection.hpp"

namespace dss::uploader {
namespace {

using test::PieceStream;
using ::testing::ElementsAre;
using Fields = std::vector<std::string>;

constexpr std::size_t kPieces[] = {1, 2, 3, 7, 65536};

struct Read {
    std::vector<Fields> fields;
    std::vector<std::uint64_t> numbers;
};

Read read_all(const std::string& text, std::size_t piece, const std::string& encoding = "UTF-8",
              CsvDialect dialect = {}, std::size_t limit = CsvRecords::kDefaultRecordLimit) {
    PieceStream stream(text, piece);
    CsvRecords records(stream, encoding, dialect, limit);
    Read read;
    while (auto record = records.next()) {
        read.fields.push_back(record->fields);
        read.numbers.push_back(record->number);
    }
    EXPECT_FALSE(records.next()) << "the end stays the end";
    EXPECT_EQ(records.bytes_read(), text.size());
    return read;
}

std::string error_of(const std::string& text, std::size_t piece,
                     const std::string& encoding = "UTF-8", std::size_t limit = 1 << 20) {
    try {
        read_all(text, piece, encoding, {}, limit);
    } catch (const CsvCheckError& error) {
        return error.what();
    }
    return "no error";
}

std::string detected(const std::string& bytes, std::size_t probe = 1 << 20) {
    PieceStream stream(bytes, 5);
    return detect_encoding(stream, probe);
}

std::string detect_error(const std::string& bytes) {
    try {
        detected(bytes);
    } catch (const CsvCheckError& error) {
        return error.what();
    }
    return "no error";
}

TEST(CsvRecords, EveryLineEndAndNoneAtTheEnd) {
    for (auto piece : kPieces) {
        for (const char* text : {"a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\r1,2\r", "a,b\n1,2"}) {
            auto read = read_all(text, piece);
            EXPECT_THAT(read.fields, ElementsAre(Fields{"a", "b"}, Fields{"1", "2"}))
                << text << piece;
            EXPECT_THAT(read.numbers, ElementsAre(1U, 2U));
        }
    }
}

TEST(CsvRecords, QuotedFieldsHoldDelimitersLineEndsAndDoubledQuotes) {
    std::string text = "a,b,c\n\"x,y\",\"line 1\r\nline 2\n\",\"say \"\"hi\"\"\"\n\"\",z,\n";
    for (auto piece : kPieces) {
        auto read = read_all(text, piece);
        EXPECT_THAT(read.fields, ElementsAre(Fields{"a", "b", "c"},
                                             Fields{"x,y", "line 1\r\nline 2\n", "say \"hi\""},
                                             Fields{"", "z", ""}))
            << piece;
        EXPECT_THAT(read.numbers, ElementsAre(1U, 2U, 3U));
    }
}

TEST(CsvRecords, QuotesOutsideQuotedFieldsAreTextAsInPythonsCsv) {
    auto read = read_all("ab\"c,\"ab\"c,d\n", 65536);
    EXPECT_THAT(read.fields, ElementsAre(Fields{"ab\"c", "abc", "d"}));
}

TEST(CsvRecords, BlankLinesAreNoRecordsButAreCounted) {
    for (auto piece : kPieces) {
        auto read = read_all("a\r\n\r\nb\n\n\nc\n\n", piece);
        EXPECT_THAT(read.fields, ElementsAre(Fields{"a"}, Fields{"b"}, Fields{"c"})) << piece;
        EXPECT_THAT(read.numbers, ElementsAre(1U, 3U, 6U)) << piece;
    }
    // A line of spaces or of one empty quoted field is a record.
    EXPECT_THAT(read_all("a\n \n\"\"\n", 1).fields,
                ElementsAre(Fields{"a"}, Fields{" "}, Fields{""}));
    EXPECT_THAT(read_all("\n\na\n", 1).numbers, ElementsAre(3U));
    EXPECT_TRUE(read_all("", 1).fields.empty());
    EXPECT_TRUE(read_all("\r\n\n", 1).fields.empty());
}

TEST(CsvRecords, AUtf8ByteOrderMarkIsDroppedEvenInOneByteReads) {
    for (auto piece : kPieces) {
        auto read = read_all(
            "\xEF\xBB\xBF"
            "a,b\n1,2\n",
            piece);
        EXPECT_THAT(read.fields, ElementsAre(Fields{"a", "b"}, Fields{"1", "2"})) << piece;
    }
    EXPECT_TRUE(read_all("\xEF\xBB\xBF", 1).fields.empty());
}

TEST(CsvRecords, OtherDelimiterAndQuote) {
    CsvDialect dialect{';', '\''};
    for (auto piece : kPieces) {
        auto read = read_all("a;b\n'x;y';'it''s'\n\"q\";z\n", piece, "UTF-8", dialect);
        EXPECT_THAT(read.fields,
                    ElementsAre(Fields{"a", "b"}, Fields{"x;y", "it's"}, Fields{"\"q\"", "z"}))
            << piece;
    }
}

TEST(CsvRecords, MultiByteCharactersSplitAcrossReads) {
    for (auto piece : kPieces) {
        auto read = read_all("nom\ncaf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\n", piece);
        EXPECT_THAT(read.fields,
                    ElementsAre(Fields{"nom"}, Fields{"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"}))
            << piece;
    }
}

TEST(CsvRecords, Windows1252BecomesUtf8) {
    for (auto piece : kPieces) {
        auto read = read_all(
            "name,price\ncaf\xE9,\x80"
            "5\n",
            piece, "WINDOWS-1252");
        EXPECT_THAT(read.fields, ElementsAre(Fields{"name", "price"}, Fields{"caf\xC3\xA9",
                                                                             "\xE2\x82\xAC"
                                                                             "5"}))
            << piece;
    }
}

TEST(CsvRecords, BytesThatAreNotTextNameTheirOffsetAndRow) {
    for (auto piece : kPieces) {
        EXPECT_EQ(error_of("a,b\n1,2\n3,\xFF\n", piece),
                  "Unable to process CSV file: the CSV file could not be opened. (Technical "
                  "details: byte 0xFF at byte offset 10 (row 3) is not valid UTF-8)")
            << piece;
        EXPECT_EQ(error_of("a\n\x81\n", piece, "WINDOWS-1252"),
                  "Unable to process CSV file: the CSV file could not be opened. (Technical "
                  "details: byte 0x81 at byte offset 2 (row 2) is not a character in "
                  "windows-1252)")
            << piece;
        EXPECT_EQ(error_of("a\nb\xC3", piece),
                  "Unable to process CSV file: the CSV file could not be opened. (Technical "
                  "details: byte 0xC3 at byte offset 3 (row 2) starts a UTF-8 character the "
                  "end of the file cuts short)")
            << piece;
    }
    EXPECT_THAT(error_of(std::string("a\n\n1\0", 5), 1),
                ::testing::HasSubstr("byte 0x00 at byte offset 4 (row 3) is a NUL"));
    EXPECT_THAT(error_of(std::string("a\n1\0", 4), 1, "WINDOWS-1252"),
                ::testing::HasSubstr("byte 0x00 at byte offset 3 (row 2) is a NUL"));
    // Overlong forms and surrogates are not UTF-8 either.
    EXPECT_THAT(error_of("a\n\xC0\xAF\n", 3), ::testing::HasSubstr("byte 0xC0 at byte offset 2"));
    EXPECT_THAT(error_of("a\n\xED\xA0\x80\n", 3),
                ::testing::HasSubstr("byte 0xED at byte offset 2"));
}

TEST(CsvRecords, RecordsBeforeABadByteAreReadFirst) {
    PieceStream stream("a\n1\n2\n\xFF\n", 65536);
    CsvRecords records(stream, "UTF-8", {});
    EXPECT_TRUE(records.next());
    EXPECT_TRUE(records.next());
    EXPECT_TRUE(records.next());
    EXPECT_THROW(records.next(), CsvCheckError);
}

TEST(CsvRecords, AQuoteNeverClosedIsRefused) {
    for (auto piece : kPieces) {
        EXPECT_EQ(error_of("a,b\n1,\"2\n3,4\n", piece),
                  "Unable to process CSV file: row 2 has a quote (\") that is never closed")
            << piece;
    }
}

TEST(CsvRecords, ARecordPastTheLimitIsRefusedWithItsNumber) {
    EXPECT_EQ(error_of("a\n\n" + std::string(20, 'x') + "\n", 1, "UTF-8", 10),
              "Unable to process CSV file: row 3 is longer than 10 bytes (is a quote left "
              "open?)");
    EXPECT_EQ(error_of("a\n\"" + std::string(20, 'x'), 4, "UTF-8", 10),
              "Unable to process CSV file: row 2 is longer than 10 bytes (is a quote left "
              "open?)");
    EXPECT_EQ(error_of("a\n\"" + std::string((1 << 20) + 1, 'x') + "\"\n", 65536),
              "Unable to process CSV file: row 2 is longer than 1 MiB (is a quote left open?)");
    // Up to the limit, line end included, is fine.
    EXPECT_EQ(read_all("abcd\n123456789\n", 3, "UTF-8", {}, 10).fields.size(), 2U);
}

TEST(CsvRecords, UnknownEncodingsAreRefused) {
    PieceStream stream("a", 1);
    EXPECT_THROW(CsvRecords(stream, "UTF-16", {}), std::invalid_argument);
}

TEST(DetectEncoding, Utf8Windows1252OrNeither) {
    EXPECT_EQ(detected(""), "UTF-8");
    EXPECT_EQ(detected("a,b\ncaf\xC3\xA9\n"), "UTF-8");
    EXPECT_EQ(detected("a,b\ncaf\xE9\n"), "WINDOWS-1252");
    // A character cut by the probe's end is still UTF-8; one cut by the file's end is not.
    EXPECT_EQ(detected("ab\xC3\xA9", 3), "UTF-8");
    EXPECT_EQ(detected("ab\xC3"), "WINDOWS-1252");
    // The mark says UTF-8 whatever follows; the reader then names the bad byte.
    EXPECT_EQ(detected("\xEF\xBB\xBF"
                       "caf\xE9"),
              "UTF-8");
    EXPECT_EQ(detect_error("caf\xE9\x81"),
              "Unable to process CSV file: the CSV file could not be opened. (Technical details: "
              "the file is not UTF-8, and byte 0x81 at byte offset 4 is not a character in "
              "windows-1252 either)");
    EXPECT_EQ(detect_error(std::string("a\0b", 3)),
              "Unable to process CSV file: the CSV file could not be opened. (Technical details: "
              "byte 0x00 at byte offset 1 is a NUL, which CSV text never holds (is the file "
              "UTF-16?))");
}

TEST(DetectEncoding, Utf16IsRefused) {
    for (const char* bom : {"\xFF\xFE", "\xFE\xFF"}) {
        auto message = detect_error(std::string(bom) + std::string("a\0", 2));
        EXPECT_THAT(message, ::testing::StartsWith("Unable to process CSV file: the CSV file "
                                                   "could not be opened. (Technical details: "));
        EXPECT_THAT(message, ::testing::HasSubstr("not UTF-16"));
    }
}

TEST(DetectEncoding, ReadsNoMoreThanTheProbe) {
    PieceStream stream(std::string(100, 'a') + "\xE9", 7);
    EXPECT_EQ(detect_encoding(stream, 100), "UTF-8");
}

}  // namespace
}  // namespace dss::uploader
