// The staff uploader end to end, through its HTTP pages with a signed-in client: creating a
// pipeline, uploading, checking, confirming, processing into L0 (and data-flow), progress,
// restore, and what goes wrong on the way.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/dataflow_peer.hpp"
#include "support/s3rver.hpp"
#include "support/staff_site_fixture.hpp"

namespace dss::test {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

class Uploader : public StaffSite {
   protected:
    std::unique_ptr<StaffClient> client;

    void start_signed_in(const EnvironmentOverrides& extra = {}) {
        start(extra);
        client = std::make_unique<StaffClient>(signed_in_client());
    }

    // Creates dit / <dataset>; returns the slug.
    std::string create_pipeline(const std::string& dataset = "sales") {
        client->get("/upload/create/");
        auto reply =
            client->post_form("/upload/create/", {{"organisation", "DIT"}, {"dataset", dataset}});
        EXPECT_EQ(reply.status, 303) << reply.body;
        auto location = StaffClient::location(reply);
        return location.substr(std::string("/upload/created/").size(),
                               location.size() - std::string("/upload/created/").size() - 1);
    }

    // Uploads `csv`; returns the verify page's path ("" when the upload was refused).
    std::string upload(const std::string& slug, const std::string& csv,
                       const std::string& filename = "data.csv") {
        client->get("/upload/data/" + slug + "/");
        auto reply = client->post_multipart("/upload/data/" + slug + "/",
                                            {{"delimiter", ","}, {"quote", "\""}},
                                            {"csv_file", filename, csv});
        if (reply.status != 303) return {};
        return StaffClient::location(reply);
    }

    static std::string file_id_of(const std::string& path) {
        auto trimmed = path.substr(0, path.size() - 1);
        return trimmed.substr(trimmed.rfind('/') + 1);
    }

    // Confirms with the inferred types (or `types`); returns the reply.
    HttpReply confirm(const std::string& verify_path,
                      std::vector<std::pair<std::string, std::string>> types = {}) {
        client->get(verify_path);
        types.emplace_back("proceed", "yes");
        return client->post_form(verify_path, types);
    }

    // Polls the progress JSON until the file completes or fails.
    nlohmann::json wait_until_done(const std::string& file_id) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        nlohmann::json progress;
        while (std::chrono::steady_clock::now() < deadline) {
            progress = nlohmann::json::parse(client->get("/upload/progress/" + file_id + "/").body);
            if (progress["state"] == "completed" || progress["state"] == "failed") break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return progress;
    }

    // Uploads, confirms and waits: the file id.
    std::string load_version(const std::string& slug, const std::string& csv,
                             std::vector<std::pair<std::string, std::string>> types = {}) {
        auto verify = upload(slug, csv);
        EXPECT_FALSE(verify.empty());
        EXPECT_EQ(confirm(verify, std::move(types)).status, 303);
        auto id = file_id_of(verify);
        EXPECT_EQ(wait_until_done(id)["state"], "completed") << rows(
            "SELECT error_message FROM public.pipeline_data_file WHERE id = '" + id + "'")[0];
        return id;
    }

    std::filesystem::path stored(const std::string& relative) const {
        return storage.path() / relative;
    }
};

TEST_F(Uploader, CreatingAPipelineChecksItsNames) {
    start_signed_in();
    client->get("/upload/create/");
    auto empty = client->post_form("/upload/create/", {{"organisation", " "}, {"dataset", ""}});
    EXPECT_EQ(empty.status, 400);
    EXPECT_THAT(empty.body, HasSubstr("This field is required."));
    EXPECT_THAT(empty.body, HasSubstr("href=\"#organisation\""));
    EXPECT_THAT(empty.body, HasSubstr("href=\"#dataset\""));
    auto bad = client->post_form("/upload/create/", {{"organisation", "a b"}, {"dataset", "ok"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_THAT(bad.body,
                HasSubstr("Please choose a name that meets our dataset naming conventions."));

    // Only dots and underscores: stored as "__", with an empty slug nobody could reach.
    for (auto [organisation, dataset] : {std::pair{"..", "ok"}, std::pair{"dit", "_._"}}) {
        auto hollow = client->post_form("/upload/create/",
                                        {{"organisation", organisation}, {"dataset", dataset}});
        EXPECT_EQ(hollow.status, 400) << organisation << " / " << dataset;
        EXPECT_THAT(hollow.body,
                    HasSubstr("Please choose a name that meets our dataset naming conventions."));
    }

    EXPECT_EQ(create_pipeline("Trade.Data"), "dit-trade-data");
    EXPECT_EQ(rows("SELECT organisation, dataset, slug FROM public.pipeline"),
              (std::vector<std::string>{"dit|trade_data|dit-trade-data"}));
    auto created = client->get("/upload/created/dit-trade-data/");
    EXPECT_EQ(created.status, 200);
    EXPECT_THAT(created.body, HasSubstr("Dataset pipeline created"));
    EXPECT_EQ(client->get("/upload/created/nothing-here/").status, 404);

    auto again =
        client->post_form("/upload/create/", {{"organisation", "dit"}, {"dataset", "trade.data"}});
    EXPECT_EQ(again.status, 400);
    EXPECT_THAT(again.body, HasSubstr("Pipeline for organisation and dataset already exists"));
    EXPECT_THAT(again.body, HasSubstr("Please update"));

    // The menu lists it, each radio with its own id.
    auto menu = client->get("/upload/");
    EXPECT_THAT(menu.body, HasSubstr("Continue to upload data"));
    EXPECT_THAT(menu.body, HasSubstr("value=\"dit-trade-data\""));
    auto chosen = client->post_form("/upload/", {{"pipeline", "dit-trade-data"}});
    EXPECT_EQ(StaffClient::location(chosen), "/upload/data/dit-trade-data/");
}

// world_bank.tariff is a nightly source: an upload with its names would replace its rows.
TEST_F(Uploader, TheNamesOfSourcesAndOfPostgresqlAreRefused) {
    start_signed_in();
    client->get("/upload/create/");
    auto source = client->post_form("/upload/create/",
                                    {{"organisation", "World_Bank"}, {"dataset", "Tariff"}});
    EXPECT_EQ(source.status, 400);
    EXPECT_THAT(source.body, HasSubstr("belong to the world_bank.tariff source"));
    EXPECT_THAT(source.body, HasSubstr("href=\"#dataset\""));
    auto reserved =
        client->post_form("/upload/create/", {{"organisation", "pg_catalogue"}, {"dataset", "x"}});
    EXPECT_EQ(reserved.status, 400);
    EXPECT_THAT(reserved.body, HasSubstr("PostgreSQL keeps for itself"));
    EXPECT_EQ(rows("SELECT count(*) FROM public.pipeline"), (std::vector<std::string>{"0"}));
}

// A pipeline made before a source took its names (or by hand) never loads: the source's rows
// and folder stay as they are.
TEST_F(Uploader, APipelineWithASourcesNamesFailsBeforeWritingAnything) {
    start_signed_in();
    connection.execute(
        "INSERT INTO public.pipeline (organisation, dataset, slug) "
        "VALUES ('world_bank', 'tariff', 'world-bank-tariff')");
    // The migrations made the source's tables; an upload would replace L0 with its own columns.
    const std::string source_l0 =
        "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM "
        "information_schema.columns WHERE table_schema = 'world_bank.tariff' AND table_name = 'L0'";
    auto source_columns = rows(source_l0);
    ASSERT_THAT(source_columns[0], HasSubstr("datafile_created"));
    auto verify = upload("world-bank-tariff", "product\nupload row\n");
    ASSERT_FALSE(verify.empty());
    confirm(verify);
    EXPECT_EQ(wait_until_done(file_id_of(verify))["state"], "failed");
    auto message = rows("SELECT error_message FROM public.pipeline_data_file");
    ASSERT_EQ(message.size(), 1U);
    EXPECT_THAT(message[0], HasSubstr("belong to the world_bank.tariff source"));
    EXPECT_THAT(message[0], HasSubstr("Nothing was loaded"));
    EXPECT_EQ(rows(source_l0), source_columns);
    EXPECT_FALSE(std::filesystem::exists(stored("datasets/world_bank/tariff")));
}

// An analyst's view on the uploaded table is not dropped with it: the new version waits.
TEST_F(Uploader, AViewOnTheCurrentVersionMakesTheSwapFailNamingIt) {
    start_signed_in();
    auto slug = create_pipeline();
    load_version(slug, "code,name\n1,first\n");
    connection.execute(R"(CREATE VIEW "dit.sales".summary AS SELECT name FROM "dit.sales"."L0")");
    auto verify = upload(slug, "code,name\n2,second\n");
    confirm(verify);
    EXPECT_EQ(wait_until_done(file_id_of(verify))["state"], "failed");
    auto message =
        rows("SELECT error_message FROM public.pipeline_data_file WHERE state = 'failed'");
    ASSERT_EQ(message.size(), 1U);
    EXPECT_THAT(message[0], HasSubstr("view \"dit.sales\".summary"));
    EXPECT_THAT(message[0], HasSubstr("nothing was replaced"));
    EXPECT_EQ(rows(R"(SELECT name FROM "dit.sales".summary)"), (std::vector<std::string>{"first"}));
    EXPECT_EQ(rows("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM "
                   "information_schema.tables WHERE table_schema = 'dit.sales'"),
              (std::vector<std::string>{"L0,summary"}));
}

TEST_F(Uploader, UploadCheckConfirmAndLoad) {
    start_signed_in();
    auto slug = create_pipeline();
    auto verify = upload(slug,
                         "code,name,amount,when,flag\n"
                         "00601,Alpha,3.5,2020-01-02,true\n"
                         "00702,\"Beta, Ltd\",-1,2021-02-03,false\n"
                         "00801,NULL,2,,N/A\n");
    ASSERT_FALSE(verify.empty());
    auto id = file_id_of(verify);
    EXPECT_EQ(rows("SELECT state, data_file_url, original_file_name FROM "
                   "public.pipeline_data_file"),
              (std::vector<std::string>{"uploaded|uploads/dit/sales/" + id + "|data.csv"}));
    EXPECT_TRUE(std::filesystem::exists(stored("uploads/dit/sales/" + id)));

    auto page = client->get(verify);
    EXPECT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("Data successfully uploaded"));
    EXPECT_THAT(page.body, HasSubstr("a number with a leading zero"));
    EXPECT_THAT(page.body, HasSubstr("Do the contents of the file look correct?"));

    auto nothing_chosen = client->post_form(verify, {});
    EXPECT_EQ(nothing_chosen.status, 400);
    EXPECT_THAT(nothing_chosen.body, HasSubstr("Confirm or reject the data file contents"));

    auto confirmed = confirm(verify, {{"type_2", "numeric"}});
    EXPECT_EQ(confirmed.status, 303);
    EXPECT_EQ(StaffClient::location(confirmed), "/upload/data/" + slug + "/uploaded/" + id + "/");
    auto progress = wait_until_done(id);
    EXPECT_EQ(progress["state"], "completed");
    EXPECT_EQ(progress["progress"], "100");
    EXPECT_EQ(progress["info"], "Data successfully processed");
    EXPECT_EQ(progress["rows_loaded"], 3);

    EXPECT_EQ(
        rows(
            R"(SELECT id, datafile_created, code, name, amount, "when", flag FROM "dit.sales"."L0" ORDER BY id)"),
        (std::vector<std::string>{
            "1|" + id + ".csv|00601|Alpha|3.5|2020-01-02|t",
            "2|" + id + ".csv|00702|Beta, Ltd|-1|2021-02-03|f",
            "3|" + id + ".csv|00801|NULL|2|NULL|NULL",
        }));
    EXPECT_EQ(
        rows(
            R"(SELECT data_type FROM information_schema.columns WHERE table_schema = 'dit.sales' AND table_name = 'L0' ORDER BY ordinal_position)"),
        (std::vector<std::string>{"integer", "text", "text", "text", "numeric", "date",
                                  "boolean"}));
    EXPECT_TRUE(std::filesystem::exists(stored("datasets/dit/sales/" + id + ".csv")));
    EXPECT_EQ(rows("SELECT state, processed_at IS NOT NULL FROM public.pipeline_data_file"),
              (std::vector<std::string>{"completed|t"}));
    auto done = client->get("/upload/data/" + slug + "/uploaded/" + id + "/");
    EXPECT_THAT(done.body, HasSubstr("Data successfully processed"));
}

TEST_F(Uploader, UploadsStreamIntoS3AndLoadFromThere) {
    S3rver s3;
    start_signed_in({{"S3_BUCKET_URL", "s3://" + s3.bucket() + "/dss"},
                     {"S3_ENDPOINT_URL", s3.endpoint()},
                     {"AWS_ACCESS_KEY_ID", S3rver::kAccessKey},
                     {"AWS_SECRET_ACCESS_KEY", S3rver::kSecretKey},
                     {"AWS_DEFAULT_REGION", "eu-west-2"}});
    auto slug = create_pipeline();
    // Bigger than one multipart part, so the upload goes in several parts.
    std::string csv = "code,amount\n";
    for (int i = 0; csv.size() < (std::size_t{12} << 20); ++i) {
        csv += std::to_string(100000 + i) + "," + std::to_string(i) + ".5\n";
    }
    auto verify = upload(slug, csv);
    ASSERT_FALSE(verify.empty());
    EXPECT_EQ(client->get(verify).status, 200);
    confirm(verify);
    EXPECT_EQ(wait_until_done(file_id_of(verify))["state"], "completed");
    auto rows_loaded = std::to_string(std::count(csv.begin(), csv.end(), '\n') - 1);
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.sales"."L0")"),
              (std::vector<std::string>{rows_loaded}));
    // Nothing was written to local storage.
    EXPECT_FALSE(std::filesystem::exists(stored("uploads")));
}

TEST_F(Uploader, AwkwardValuesArriveAsTheyWere) {
    start_signed_in();
    auto slug = create_pipeline();
    // COPY's end-of-data marker, a carriage return, quotes, leading spaces, a lone quote
    // character in the middle, windows-1252 text, and an empty string next to a NULL marker.
    load_version(slug,
                 "v,w\n"
                 "\\.,x\n"
                 "\"a\rb\",\"say \"\"hi\"\"\"\n"
                 "  padded ,caf\xE9\n"
                 ",NULL\n");
    EXPECT_EQ(
        rows(
            R"(SELECT coalesce(v, '<null>') || '|' || coalesce(w, '<null>') FROM "dit.sales"."L0" ORDER BY id)"),
        (std::vector<std::string>{"\\.|x", "a\rb|say \"hi\"", "  padded |caf\xC3\xA9",
                                  "<null>|<null>"}));
}

TEST_F(Uploader, AFileThatFailsTheChecksSaysWhyAndIsMarkedFailed) {
    start_signed_in();
    auto slug = create_pipeline();
    auto verify = upload(slug, "a b,C,ok\n1,2,3\n");
    auto page = client->get(verify);
    EXPECT_EQ(page.status, 422);
    EXPECT_THAT(page.body,
                HasSubstr("Unable to process CSV file: column headers must start with a "
                          "letter and may only contain lowercase letters, numbers, and "
                          "underscores. Invalid headers: &quot;a b&quot;, &quot;C&quot;"));
    EXPECT_THAT(page.body, HasSubstr("Try again"));
    auto id = file_id_of(verify);
    EXPECT_EQ(rows("SELECT state FROM public.pipeline_data_file"),
              (std::vector<std::string>{"failed"}));
    auto uploaded = client->get("/upload/data/" + slug + "/uploaded/" + id + "/");
    EXPECT_EQ(uploaded.status, 302);
    auto failed = client->follow(uploaded);
    EXPECT_EQ(failed.status, 200);
    EXPECT_THAT(failed.body, HasSubstr("Invalid headers"));
    auto progress = nlohmann::json::parse(client->get("/upload/progress/" + id + "/").body);
    EXPECT_EQ(progress["state"], "failed");
    EXPECT_EQ(progress["info"], "Sorry, there is a problem with the service. Try again later.");
}

TEST_F(Uploader, OnlyCsvFilesAreTaken) {
    start_signed_in();
    auto slug = create_pipeline();
    client->get("/upload/data/" + slug + "/");
    auto not_csv =
        client->post_multipart("/upload/data/" + slug + "/", {}, {"csv_file", "data.xlsx", "x"});
    EXPECT_EQ(not_csv.status, 400);
    EXPECT_THAT(not_csv.body, HasSubstr("Select a CSV data file to upload"));
    auto no_file = client->post_multipart("/upload/data/" + slug + "/", {}, {"csv_file", "", ""});
    EXPECT_EQ(no_file.status, 400);
    EXPECT_THAT(no_file.body, HasSubstr("Select a CSV data file to upload"));
    EXPECT_EQ(rows("SELECT count(*) FROM public.pipeline_data_file"),
              (std::vector<std::string>{"0"}));
    // Hostile bodies are refused, not crashed on.
    HttpConnection raw(server->port());
    auto garbage = raw.request(
        boost::beast::http::verb::post, "/upload/data/" + slug + "/", "not a multipart body at all",
        {{"Content-Type", "multipart/form-data; boundary=zzz"}, {"Cookie", client->cookie()}});
    EXPECT_EQ(garbage.status, 400);
    HttpConnection raw2(server->port());
    auto no_boundary =
        raw2.request(boost::beast::http::verb::post, "/upload/data/" + slug + "/", "x",
                     {{"Content-Type", "text/csv"}, {"Cookie", client->cookie()}});
    EXPECT_EQ(no_boundary.status, 400);
}

TEST_F(Uploader, AnUploadWithoutItsCsrfTokenStoresNothing) {
    start_signed_in();
    auto slug = create_pipeline();
    client->get("/upload/data/" + slug + "/");
    auto without = client->post_multipart("/upload/data/" + slug + "/", {},
                                          {"csv_file", "data.csv", "a\n1\n"}, false);
    EXPECT_EQ(without.status, 400);
    EXPECT_THAT(without.body, HasSubstr("security token"));
    auto forged = client->post_multipart("/upload/data/" + slug + "/", {{"csrf_token", "forged"}},
                                         {"csv_file", "data.csv", "a\n1\n"}, false);
    EXPECT_EQ(forged.status, 400);
    EXPECT_EQ(rows("SELECT count(*) FROM public.pipeline_data_file"),
              (std::vector<std::string>{"0"}));
    EXPECT_FALSE(std::filesystem::exists(stored("uploads")));
    // An unknown pipeline is a page not found, before anything is read.
    auto unknown = client->post_multipart("/upload/data/nothing-here/", {},
                                          {"csv_file", "data.csv", "a\n1\n"});
    EXPECT_EQ(unknown.status, 404);
}

TEST_F(Uploader, NoDiscardsTheUploadAndItsFile) {
    start_signed_in();
    auto slug = create_pipeline();
    auto verify = upload(slug, "a\n1\n");
    auto id = file_id_of(verify);
    ASSERT_TRUE(std::filesystem::exists(stored("uploads/dit/sales/" + id)));
    client->get(verify);
    auto no = client->post_form(verify, {{"proceed", "no"}});
    EXPECT_EQ(no.status, 303);
    EXPECT_EQ(StaffClient::location(no), "/upload/");
    EXPECT_EQ(rows("SELECT count(*) FROM public.pipeline_data_file"),
              (std::vector<std::string>{"0"}));
    EXPECT_FALSE(std::filesystem::exists(stored("uploads/dit/sales/" + id)));
}

TEST_F(Uploader, AnUploadCutOffMidwayLeavesNoFileAndAFailedRow) {
    start_signed_in();
    auto slug = create_pipeline();
    client->get("/upload/data/" + slug + "/");
    std::string file(std::size_t{1} << 20, 'x');
    auto body = multipart_body("cut", {{"csrf_token", client->csrf_token()}},
                               {"csv_file", "big.csv", "a\n" + file});
    std::string request = "POST /upload/data/" + slug +
                          "/ HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + client->cookie() +
                          "\r\nContent-Type: multipart/form-data; boundary=cut\r\n"
                          "Content-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n" +
                          body.substr(0, body.size() / 2);
    raw_http_exchange(server->port(), request, std::chrono::milliseconds(500));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::vector<std::string> state;
    while (std::chrono::steady_clock::now() < deadline) {
        state = rows("SELECT state, error_message FROM public.pipeline_data_file");
        if (!state.empty() && state[0].starts_with("failed")) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(state.size(), 1U) << server->process().standard_error();
    EXPECT_THAT(state[0], HasSubstr("failed|The upload was cut off after"));
    // Nothing under the uploads folder, hidden temporary files included.
    std::size_t files = 0;
    if (std::filesystem::exists(stored("uploads"))) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(stored("uploads")))
            files += entry.is_regular_file() ? 1U : 0U;
    }
    EXPECT_EQ(files, 0U);
}

// A generated CSV of about `csv_bytes`, sent in 1 MiB writes: the body is never held whole.
std::string stream_upload(std::uint16_t port, const std::string& target, const std::string& cookie,
                          const std::string& csrf, std::uint64_t csv_bytes) {
    std::string row = "1234567,some text in a column,3.25,2020-01-02\n";
    std::string header = "a,b,c,d\n";
    auto rows = (csv_bytes - header.size()) / row.size();
    std::string chunk;
    while (chunk.size() < (std::size_t{1} << 20)) chunk += row;
    auto rows_per_chunk = chunk.size() / row.size();
    return streamed_upload(port, target, cookie, csrf, header.size() + rows * row.size(),
                           [&](const std::function<void(std::string_view)>& send) {
                               send(header);
                               for (std::uint64_t sent = 0; sent < rows; sent += rows_per_chunk) {
                                   auto count =
                                       std::min<std::uint64_t>(rows_per_chunk, rows - sent);
                                   send(std::string_view(chunk).substr(0, count * row.size()));
                               }
                           });
}

TEST_F(Uploader, ALargeUploadStreamsWithFlatMemory) {
    start_signed_in();
    auto slug = create_pipeline();
    client->get("/upload/data/" + slug + "/");
    auto target = "/upload/data/" + slug + "/";
    // A small upload first, so the baseline includes the code paths' own memory.
    auto small = stream_upload(server->port(), target, client->cookie(), client->csrf_token(),
                               std::uint64_t{1} << 20);
    ASSERT_THAT(small, HasSubstr("303"));
    auto before = server->process().running_peak_rss_kib().value_or(-1);
    auto large = stream_upload(server->port(), target, client->cookie(), client->csrf_token(),
                               std::uint64_t{2} << 30);
    ASSERT_THAT(large, HasSubstr("303"));
    auto after = server->process().running_peak_rss_kib().value_or(-1);
    EXPECT_LT(after - before, 16 * 1024)
        << "peak RSS went from " << before << " to " << after << " KiB over a 2 GiB upload";
    auto sizes = rows("SELECT bytes_read FROM public.pipeline_data_file ORDER BY bytes_read");
    ASSERT_EQ(sizes.size(), 2U);
    EXPECT_GT(std::stoll(sizes[1]), (std::int64_t{2} << 30) - 4096);
    // The stored file is whole, and the verify page reads only its sample.
    auto verify = client->get("/upload/data/" + slug + "/verify/" +
                              rows("SELECT id FROM public.pipeline_data_file ORDER BY "
                                   "bytes_read DESC LIMIT 1")[0] +
                              "/");
    EXPECT_EQ(verify.status, 200);
}

TEST_F(Uploader, AValueThatDoesNotFitItsTypeFailsAndKeepsTheCurrentVersion) {
    start_signed_in();
    auto slug = create_pipeline();
    load_version(slug, "code,name\n1,first\n");
    auto verify = upload(slug, "code,name\n2,second\nthree,third\n");
    confirm(verify, {{"type_0", "integer"}});
    auto progress = wait_until_done(file_id_of(verify));
    EXPECT_EQ(progress["state"], "failed");
    auto message =
        rows("SELECT error_message FROM public.pipeline_data_file WHERE state = 'failed'");
    ASSERT_EQ(message.size(), 1U);
    EXPECT_THAT(message[0], HasSubstr("three"));
    EXPECT_THAT(message[0], HasSubstr("line 3"));
    EXPECT_EQ(rows(R"(SELECT code, name FROM "dit.sales"."L0")"),
              (std::vector<std::string>{"1|first"}));
    // No half-built table is left beside it.
    EXPECT_EQ(rows("SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE "
                   "table_schema = 'dit.sales'"),
              (std::vector<std::string>{"L0"}));
}

TEST_F(Uploader, TwoUploadsToOnePipelineAtOnce) {
    start_signed_in();
    auto slug = create_pipeline();
    client->get("/upload/data/" + slug + "/");
    auto send = [&](const std::string& csv) {
        StaffClient same_session(server->port());
        same_session.set_cookie(client->cookie());
        same_session.get("/upload/data/" + slug + "/");
        return same_session.post_multipart("/upload/data/" + slug + "/", {},
                                           {"csv_file", "data.csv", csv});
    };
    std::string first = "n\n";
    std::string second = "n\n";
    for (int i = 0; i < 20000; ++i) {
        first += "1\n";
        second += "2\n";
    }
    auto a = std::async(std::launch::async, send, first);
    auto b = std::async(std::launch::async, send, second);
    auto reply_a = a.get();
    auto reply_b = b.get();
    ASSERT_EQ(reply_a.status, 303);
    ASSERT_EQ(reply_b.status, 303);
    auto id_a = file_id_of(StaffClient::location(reply_a));
    auto id_b = file_id_of(StaffClient::location(reply_b));
    EXPECT_NE(id_a, id_b);
    confirm(StaffClient::location(reply_a));
    confirm(StaffClient::location(reply_b));
    EXPECT_EQ(wait_until_done(id_a)["state"], "completed");
    EXPECT_EQ(wait_until_done(id_b)["state"], "completed");
    // One of the two, whole: never a mix.
    auto content = rows(R"(SELECT count(*), count(DISTINCT n) FROM "dit.sales"."L0")");
    EXPECT_EQ(content, (std::vector<std::string>{"20000|1"}));
}

TEST_F(Uploader, RestoreProcessesAnEarlierVersionAgain) {
    start_signed_in();
    auto slug = create_pipeline();
    auto first = load_version(slug, "code,name\n1,first\n");
    load_version(slug, "code,name,extra\n2,second,x\n");
    EXPECT_EQ(rows(R"(SELECT code, name FROM "dit.sales"."L0")"),
              (std::vector<std::string>{"2|second"}));
    auto listing = client->get("/upload/data/" + slug + "/");
    EXPECT_THAT(listing.body, HasSubstr("/upload/data/" + slug + "/restore/" + first + "/"));

    auto restore_path = "/upload/data/" + slug + "/restore/" + first + "/";
    auto compare = client->get(restore_path);
    EXPECT_EQ(compare.status, 200);
    EXPECT_THAT(compare.body,
                HasSubstr("Are you sure you want to restore this version of the data"));
    EXPECT_THAT(compare.body, HasSubstr("second"));
    EXPECT_THAT(compare.body, HasSubstr("first"));
    auto restored = client->post_form(restore_path, {{"action", "restore"}});
    EXPECT_EQ(restored.status, 303);
    auto new_id = file_id_of(StaffClient::location(restored));
    EXPECT_NE(new_id, first);
    EXPECT_EQ(wait_until_done(new_id)["state"], "completed");
    EXPECT_EQ(rows(R"(SELECT code, name FROM "dit.sales"."L0")"),
              (std::vector<std::string>{"1|first"}));
}

TEST_F(Uploader, RestoringAFileGoneFromStorageFailsCleanly) {
    start_signed_in();
    auto slug = create_pipeline();
    auto first = load_version(slug, "code\n1\n");
    load_version(slug, "code\n2\n");
    std::filesystem::remove(stored("uploads/dit/sales/" + first));
    auto restore_path = "/upload/data/" + slug + "/restore/" + first + "/";
    auto page = client->get(restore_path);
    EXPECT_EQ(page.status, 409);
    EXPECT_THAT(page.body, HasSubstr("no longer in storage"));
    auto post = client->post_form(restore_path, {{"action", "restore"}});
    EXPECT_EQ(post.status, 409);
    EXPECT_EQ(rows("SELECT count(*) FROM public.pipeline_data_file"),
              (std::vector<std::string>{"2"}));
    EXPECT_EQ(rows(R"(SELECT code FROM "dit.sales"."L0")"), (std::vector<std::string>{"2"}));
}

TEST_F(Uploader, DataflowIsTriggeredAndWaitedFor) {
    DataflowPeer dataflow;
    start_signed_in(dataflow.dss_settings());
    auto slug = create_pipeline();
    auto verify = upload(slug, "code\n1\n");
    confirm(verify);
    auto id = file_id_of(verify);
    // The stand-in answers "running" once: the file waits in processing_dataflow.
    bool saw_dataflow = false;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    nlohmann::json progress;
    while (std::chrono::steady_clock::now() < deadline) {
        progress = nlohmann::json::parse(client->get("/upload/progress/" + id + "/").body);
        if (progress["state"] == "processing_dataflow") {
            saw_dataflow = true;
            EXPECT_EQ(progress["progress"], "70");
            EXPECT_EQ(progress["info"], "Data is being processed by Data Flow");
        }
        if (progress["state"] == "completed" || progress["state"] == "failed") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(saw_dataflow);
    EXPECT_EQ(progress["state"], "completed");
    EXPECT_THAT(server->process().standard_error(),
                HasSubstr("data-flow run manual__2020-05-29T10:00:00+00:00 succeeded"));
}

TEST_F(Uploader, AServerKilledWhileLoadingLeavesTheCurrentVersionAndSaysSo) {
    start_signed_in({{"DSS_UPLOAD_INTERRUPTED_AFTER", "2"}});
    auto slug = create_pipeline();
    load_version(slug, "code,name\n1,first\n");
    std::string csv = "code,name\n";
    for (int i = 0; csv.size() < (std::size_t{60} << 20); ++i) {
        csv += std::to_string(i) + ",a name long enough to take a while to load\n";
    }
    auto verify = upload(slug, csv);
    confirm(verify);
    auto id = file_id_of(verify);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline &&
           rows("SELECT state FROM public.pipeline_data_file WHERE id = '" + id + "'")[0] !=
               "processing_dss") {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    // SIGKILL mid-COPY: no clean-up of its own runs.
    server->process().send_signal(SIGKILL);
    server->process().wait_for_exit(std::chrono::seconds(10));
    server.reset();
    start_signed_in({{"DSS_UPLOAD_INTERRUPTED_AFTER", "2"}});
    EXPECT_EQ(wait_until_done(id)["state"], "failed");
    EXPECT_THAT(
        rows("SELECT error_message FROM public.pipeline_data_file WHERE id = '" + id + "'")[0],
        HasSubstr("Nothing of it was loaded"));
    EXPECT_EQ(rows(R"(SELECT code, name FROM "dit.sales"."L0")"),
              (std::vector<std::string>{"1|first"}));
    // The killed load's table went with its transaction.
    EXPECT_EQ(rows("SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE "
                   "table_schema = 'dit.sales'"),
              (std::vector<std::string>{"L0"}));
}

TEST_F(Uploader, AnEmptyFileIsStoredThenRefusedByTheChecks) {
    start_signed_in();
    auto slug = create_pipeline();
    auto verify = upload(slug, "", "empty.csv");
    ASSERT_FALSE(verify.empty());
    auto page = client->get(verify);
    EXPECT_EQ(page.status, 422);
    EXPECT_THAT(page.body, HasSubstr("Unable to process CSV file: no headers found. The first "
                                     "line of the csv should contain the column headers."));
    EXPECT_EQ(rows("SELECT state FROM public.pipeline_data_file"),
              (std::vector<std::string>{"failed"}));
}

TEST_F(Uploader, ACrashedServerRestartedAtOnceStillHasItsWorkMarked) {
    connection.execute(
        "INSERT INTO public.pipeline (organisation, dataset, slug) "
        "VALUES ('dit', 'sales', 'dit-sales')");
    // Rows whose heartbeats were fresh when their server died a moment ago.
    for (const auto* state : {"uploading", "processing_dss", "processing_dataflow"}) {
        connection.execute(
            "INSERT INTO public.pipeline_data_file (id, data_file_url, pipeline_id, state, "
            "heartbeat_at) SELECT gen_random_uuid(), 'uploads/x', id, $1, now() AT TIME ZONE "
            "'UTC' FROM public.pipeline",
            state);
    }
    start_signed_in({{"DSS_UPLOAD_INTERRUPTED_AFTER", "2"}});
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    std::vector<std::string> states;
    while (std::chrono::steady_clock::now() < deadline) {
        states = rows(
            "SELECT state || ': ' || coalesce(error_message, '') FROM "
            "public.pipeline_data_file ORDER BY error_message");
        if (std::all_of(states.begin(), states.end(),
                        [](const std::string& s) { return s.starts_with("failed"); }))
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ASSERT_EQ(states.size(), 3U);
    EXPECT_THAT(states, Contains(HasSubstr("failed: Processing was interrupted while data-flow")));
    EXPECT_THAT(states, Contains(AllOf(HasSubstr("failed: Processing was interrupted: the server"),
                                       HasSubstr("Nothing of it was loaded"))));
    EXPECT_THAT(states, Contains(HasSubstr("failed: The upload stopped arriving")));
}

TEST_F(Uploader, AFailedDataflowRunLeavesTheLoadedVersionCurrentAndTheOldOneRestorable) {
    DataflowPeer dataflow;
    start_signed_in(dataflow.dss_settings());
    auto slug = create_pipeline();
    auto first = load_version(slug, "code\n1\n");
    // The stand-in fails runs of a DAG whose id holds "fails": restart with one.
    server.reset();
    auto failing = dataflow.dss_settings();
    failing["DATAFLOW_UPLOADER_DAG_ID"] = "this-dag-fails";
    start_signed_in(failing);
    auto verify = upload(slug, "code\n2\n");
    confirm(verify);
    auto second = file_id_of(verify);
    EXPECT_EQ(wait_until_done(second)["state"], "failed");
    auto message =
        rows("SELECT error_message FROM public.pipeline_data_file WHERE id = '" + second + "'");
    EXPECT_THAT(message[0], HasSubstr("The data is loaded in the dataset, but handing it to "
                                      "data-flow failed"));
    EXPECT_EQ(rows(R"(SELECT code FROM "dit.sales"."L0")"), (std::vector<std::string>{"2"}));
    // The first version is not what L0 holds any more: it can be restored.
    auto listing = client->get("/upload/data/" + slug + "/");
    EXPECT_THAT(listing.body, HasSubstr("/upload/data/" + slug + "/restore/" + first + "/"));
}

TEST_F(Uploader, CurlUploadsAfterAskingToContinueAndChunkedBodiesNeedALength) {
    start_signed_in();
    auto slug = create_pipeline();
    client->get("/upload/data/" + slug + "/");
    // Over 1 MiB: curl asks "Expect: 100-continue" and waits for the interim answer.
    std::string csv = "n\n";
    while (csv.size() < (std::size_t{3} << 20)) csv += "12345\n";
    auto file = storage.write("to-send/big.csv", csv);
    auto url = "http://127.0.0.1:" + std::to_string(server->port()) + "/upload/data/" + slug + "/";
    auto started = std::chrono::steady_clock::now();
    auto sent = run_command({"/usr/bin/curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-b",
                             client->cookie(), "-F", "csrf_token=" + client->csrf_token(), "-F",
                             "csv_file=@" + file.string(), url});
    EXPECT_EQ(sent.out, "303") << sent.err;
    // Answered at once, not after curl's one-second wait for a 100 that never comes.
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(900));
    EXPECT_EQ(rows("SELECT state, bytes_read FROM public.pipeline_data_file"),
              (std::vector<std::string>{"uploaded|" + std::to_string(csv.size())}));
    auto chunked = run_command({"/usr/bin/curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                                "-b", client->cookie(), "-H", "Transfer-Encoding: chunked", "-F",
                                "csrf_token=" + client->csrf_token(), "-F",
                                "csv_file=@" + file.string(), url});
    EXPECT_EQ(chunked.out, "411") << chunked.err;
}

TEST_F(Uploader, APostWithoutAnyBodyIsRefusedNotCrashedOn) {
    start_signed_in();
    auto slug = create_pipeline();
    HttpConnection signed_in(server->port());
    auto reply = signed_in.request(boost::beast::http::verb::post, "/upload/data/" + slug + "/", {},
                                   {{"Cookie", client->cookie()}});
    EXPECT_EQ(reply.status, 400);
    HttpConnection anonymous(server->port());
    EXPECT_EQ(
        anonymous.request(boost::beast::http::verb::post, "/upload/data/" + slug + "/").status,
        302);
}

TEST_F(Uploader, WorkARestartInterruptedIsMarkedFailed) {
    connection.execute(
        "INSERT INTO public.pipeline (organisation, dataset, slug) "
        "VALUES ('dit', 'sales', 'dit-sales')");
    connection.execute(
        "INSERT INTO public.pipeline_data_file (id, data_file_url, pipeline_id, state, "
        "heartbeat_at) SELECT gen_random_uuid(), 'uploads/x', id, 'processing_dss', "
        "now() AT TIME ZONE 'UTC' - interval '5 minutes' FROM public.pipeline");
    start_signed_in();
    auto row = rows("SELECT state, error_message FROM public.pipeline_data_file");
    ASSERT_EQ(row.size(), 1U);
    EXPECT_THAT(row[0], HasSubstr("failed|Processing was interrupted: the server"));
}

}  // namespace
}  // namespace dss::test
