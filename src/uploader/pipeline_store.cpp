// SQL next to the code that runs it; timestamps are UTC without a zone, as the reference kept
// them. Column types travel as JSON ([[name, type], ...]) into a two-dimensional text[].
#include "uploader/pipeline_store.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

#include "db/transaction.hpp"

namespace dss::uploader {
namespace {

constexpr const char* kNowUtc = "(now() AT TIME ZONE 'UTC')";

constexpr const char* kDataFileColumns = R"(
    id::text, pipeline_id, data_file_url, coalesce(state, ''), coalesce(error_message, ''),
    coalesce(to_char(uploaded_at, 'YYYY-MM-DD HH24:MI:SS'), ''),
    coalesce(to_char(started_processing_at, 'YYYY-MM-DD HH24:MI:SS'), ''),
    coalesce(to_char(processed_at, 'YYYY-MM-DD HH24:MI:SS'), ''),
    coalesce(array_to_json(column_types)::text, '[]'), delimiter, coalesce(quote, '"'),
    coalesce(original_file_name, ''), coalesce(encoding, ''), bytes_read, rows_loaded,
    coalesce(to_char(loaded_at, 'YYYY-MM-DD HH24:MI:SS'), ''))";

DataFile data_file_from(const db::Result& result, int row) {
    DataFile file;
    file.id = result.get<std::string>(row, 0);
    file.pipeline_id = result.get<int>(row, 1);
    file.url = result.get<std::string>(row, 2);
    file.state = parse_state(result.text(row, 3));
    file.error_message = result.get<std::string>(row, 4);
    file.uploaded_at = result.get<std::string>(row, 5);
    file.started_processing_at = result.get<std::string>(row, 6);
    file.processed_at = result.get<std::string>(row, 7);
    auto types = nlohmann::json::parse(result.text(row, 8), nullptr, false);
    // A one-dimensional array (another writer's shape) holds no pairs: no types.
    if (types.is_array()) {
        for (const auto& pair : types) {
            if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
                file.column_types.emplace_back(pair[0].get<std::string>(),
                                               pair[1].get<std::string>());
            }
        }
    }
    file.delimiter = result.get<std::string>(row, 9);
    file.quote = result.get<std::string>(row, 10);
    file.original_file_name = result.get<std::string>(row, 11);
    file.encoding = result.get<std::string>(row, 12);
    file.bytes_read = result.get<std::int64_t>(row, 13);
    file.rows_loaded = result.get<std::int64_t>(row, 14);
    file.loaded_at = result.get<std::string>(row, 15);
    return file;
}

std::vector<DataFile> data_files_from(const db::Result& result) {
    std::vector<DataFile> files;
    files.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) files.push_back(data_file_from(result, row));
    return files;
}

Pipeline pipeline_from(const db::Result& result, int row) {
    return {result.get<int>(row, 0), result.get<std::string>(row, 1),
            result.get<std::string>(row, 2), result.get<std::string>(row, 3)};
}

std::string types_json(const ColumnTypes& types) {
    auto json = nlohmann::json::array();
    for (const auto& [name, type] : types) json.push_back({name, type});
    return json.dump();
}

std::string select_data_files(const char* where_and_order) {
    return std::string("SELECT ") + kDataFileColumns + " FROM public.pipeline_data_file " +
           where_and_order;
}

}  // namespace

bool looks_like_uuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : std::isxdigit(static_cast<unsigned char>(text[i])) == 0) {
            return false;
        }
    }
    return true;
}

std::string slugify(std::string_view text) {
    std::string slug;
    bool gap = false;
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 && byte < 0x80) {
            if (gap && !slug.empty()) slug += '-';
            gap = false;
            slug += static_cast<char>(std::tolower(byte));
        } else {
            gap = true;
        }
    }
    return slug;
}

std::vector<Pipeline> list_pipelines(db::Connection& connection) {
    auto result = connection.execute(
        "SELECT id, organisation, dataset, slug FROM public.pipeline "
        "ORDER BY organisation, dataset");
    std::vector<Pipeline> pipelines;
    pipelines.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) pipelines.push_back(pipeline_from(result, row));
    return pipelines;
}

std::optional<Pipeline> find_pipeline(db::Connection& connection, const std::string& slug) {
    auto result = connection.execute(
        "SELECT id, organisation, dataset, slug FROM public.pipeline WHERE slug = $1 "
        "ORDER BY id LIMIT 1",
        slug);
    if (result.empty()) return std::nullopt;
    return pipeline_from(result, 0);
}

std::optional<Pipeline> find_pipeline_by_id(db::Connection& connection, int id) {
    auto result = connection.execute(
        "SELECT id, organisation, dataset, slug FROM public.pipeline WHERE id = $1", id);
    if (result.empty()) return std::nullopt;
    return pipeline_from(result, 0);
}

std::optional<Pipeline> create_pipeline(db::Connection& connection, const std::string& organisation,
                                        const std::string& dataset) {
    // The slug is chosen and the row inserted in one statement, under a lock that orders
    // concurrent creations, so two pairs never get one slug.
    static constexpr const char* kInsert = R"(
        WITH taken AS (SELECT pg_advisory_xact_lock(hashtext('dss pipeline slugs'))),
        free AS (
            SELECT candidate FROM taken, LATERAL (
                SELECT CASE WHEN n = 1 THEN $3 ELSE $3 || '-' || n END AS candidate
                FROM generate_series(1, 1000) AS n
            ) AS candidates
            WHERE NOT EXISTS (SELECT 1 FROM public.pipeline WHERE slug = candidate)
            LIMIT 1)
        INSERT INTO public.pipeline (organisation, dataset, slug)
        SELECT $1, $2, candidate FROM free
        ON CONFLICT (organisation, dataset) DO NOTHING
        RETURNING id, organisation, dataset, slug)";
    db::Transaction transaction(connection);
    auto result =
        connection.execute(kInsert, organisation, dataset, slugify(organisation + " " + dataset));
    transaction.commit();
    if (result.empty()) return std::nullopt;
    return pipeline_from(result, 0);
}

NewUpload insert_uploading_file(db::Connection& connection, const Pipeline& pipeline,
                                const std::string& upload_folder,
                                const std::string& original_file_name) {
    auto result = connection.execute(
        std::string(R"(
        WITH new AS (SELECT gen_random_uuid() AS id)
        INSERT INTO public.pipeline_data_file
            (id, data_file_url, pipeline_id, state, original_file_name, heartbeat_at)
        SELECT id, $1 || id::text, $2, 'uploading', $3, )") +
            kNowUtc + " FROM new RETURNING id::text, data_file_url",
        upload_folder + "/" + pipeline.organisation + "/" + pipeline.dataset + "/", pipeline.id,
        original_file_name);
    return {result.get<std::string>(0, 0), result.get<std::string>(0, 1)};
}

void mark_uploaded(db::Connection& connection, const std::string& id, std::int64_t bytes,
                   const std::string& delimiter, const std::string& quote) {
    connection.execute(
        std::string("UPDATE public.pipeline_data_file SET state = 'uploaded', uploaded_at = ") +
            kNowUtc + ", bytes_read = $2, delimiter = $3, quote = $4 WHERE id = $1::uuid",
        id, bytes, delimiter, quote);
}

void mark_failed(db::Connection& connection, const std::string& id, const std::string& message) {
    connection.execute(
        "UPDATE public.pipeline_data_file SET state = 'failed', error_message = $2 "
        "WHERE id = $1::uuid",
        id, message);
}

bool delete_uploaded_file(db::Connection& connection, const std::string& id) {
    return connection
               .execute(
                   "DELETE FROM public.pipeline_data_file WHERE id = $1::uuid AND state = "
                   "'uploaded'",
                   id)
               .affected_rows() == 1;
}

std::optional<DataFile> find_data_file(db::Connection& connection, const std::string& id) {
    // Not a UUID: no such file (and no SQL error from the cast).
    // Not a UUID: no such file, rather than an SQL error from the cast.
    if (!looks_like_uuid(id)) return std::nullopt;
    auto result = connection.execute(select_data_files("WHERE id = $1::uuid"), id);
    if (result.empty()) return std::nullopt;
    return data_file_from(result, 0);
}

std::vector<DataFile> list_versions(db::Connection& connection, int pipeline_id) {
    return data_files_from(connection.execute(
        select_data_files("WHERE pipeline_id = $1 "
                          "ORDER BY processed_at DESC NULLS LAST, uploaded_at DESC NULLS LAST"),
        pipeline_id));
}

std::optional<DataFile> current_version(db::Connection& connection, int pipeline_id) {
    auto result = connection.execute(
        select_data_files("WHERE pipeline_id = $1 AND (loaded_at IS NOT NULL OR state = "
                          "'completed') ORDER BY coalesce(loaded_at, processed_at) DESC NULLS "
                          "LAST LIMIT 1"),
        pipeline_id);
    if (result.empty()) return std::nullopt;
    return data_file_from(result, 0);
}

std::int64_t rows_sharing_url(db::Connection& connection, const DataFile& file) {
    return connection
        .execute(
            "SELECT count(*) FROM public.pipeline_data_file "
            "WHERE data_file_url = $1 AND id <> $2::uuid",
            file.url, file.id)
        .get<std::int64_t>(0, 0);
}

bool mark_verified(db::Connection& connection, const std::string& id, const ColumnTypes& types,
                   const std::string& encoding) {
    auto result = connection.execute(
        R"(UPDATE public.pipeline_data_file
           SET state = 'verified', encoding = $3, error_message = NULL,
               heartbeat_at = (now() AT TIME ZONE 'UTC'),
               column_types = (SELECT array_agg(ARRAY[pair->>0, pair->>1])
                               FROM json_array_elements($2::json) AS pair)
           WHERE id = $1::uuid AND state = 'uploaded')",
        id, types_json(types), encoding);
    return result.affected_rows() == 1;
}

std::string insert_restored_file(db::Connection& connection, const DataFile& earlier) {
    auto result = connection.execute(
        std::string(R"(
        INSERT INTO public.pipeline_data_file
            (id, data_file_url, pipeline_id, state, uploaded_at, heartbeat_at, column_types,
             delimiter, quote, original_file_name, encoding, bytes_read)
        SELECT gen_random_uuid(), data_file_url, pipeline_id, 'verified', )") +
            kNowUtc + ", " + kNowUtc +
            R"(, column_types, delimiter, quote, original_file_name, encoding, bytes_read
        FROM public.pipeline_data_file WHERE id = $1::uuid
        RETURNING id::text)",
        earlier.id);
    return result.get<std::string>(0, 0);
}

bool start_processing(db::Connection& connection, const std::string& id) {
    auto result = connection.execute(
        std::string("UPDATE public.pipeline_data_file SET state = 'processing_dss', "
                    "started_processing_at = ") +
            kNowUtc + ", heartbeat_at = " + kNowUtc +
            ", bytes_read = 0, rows_loaded = 0 WHERE id = $1::uuid AND state = 'verified'",
        id);
    return result.affected_rows() == 1;
}

void set_state(db::Connection& connection, const std::string& id, UploadState state) {
    connection.execute(std::string("UPDATE public.pipeline_data_file SET state = $2, "
                                   "heartbeat_at = ") +
                           kNowUtc + " WHERE id = $1::uuid",
                       id, state_name(state));
}

void record_progress(db::Connection& connection, const std::string& id, std::int64_t bytes_read,
                     std::int64_t rows_loaded) {
    connection.execute(std::string("UPDATE public.pipeline_data_file SET bytes_read = $2, "
                                   "rows_loaded = $3, heartbeat_at = ") +
                           kNowUtc + " WHERE id = $1::uuid",
                       id, bytes_read, rows_loaded);
}

void mark_completed(db::Connection& connection, const std::string& id) {
    connection.execute(std::string("UPDATE public.pipeline_data_file SET state = 'completed', "
                                   "error_message = NULL, processed_at = ") +
                           kNowUtc + " WHERE id = $1::uuid",
                       id);
}

void mark_loaded(db::Connection& connection, const std::string& id) {
    connection.execute(std::string("UPDATE public.pipeline_data_file SET loaded_at = ") + kNowUtc +
                           " WHERE id = $1::uuid",
                       id);
}

void touch_heartbeats(db::Connection& connection, const std::vector<std::string>& ids) {
    if (ids.empty()) return;
    connection.execute(
        std::string("UPDATE public.pipeline_data_file SET heartbeat_at = ") + kNowUtc +
            " WHERE id IN (SELECT value::uuid FROM json_array_elements_text($1::json))",
        nlohmann::json(ids).dump());
}

std::vector<std::string> fail_interrupted(db::Connection& connection, std::chrono::seconds silence,
                                          const InterruptionMessages& messages) {
    auto result = connection.execute(std::string(R"(
        UPDATE public.pipeline_data_file
        SET state = 'failed',
            error_message = CASE state WHEN 'uploading' THEN $2
                                       WHEN 'processing_dataflow' THEN $4 ELSE $3 END
        WHERE state IN ('uploading', 'verified', 'processing_dss', 'processing_dataflow')
          AND coalesce(heartbeat_at, started_processing_at, uploaded_at, '-infinity')
              < )") + kNowUtc + R"( - make_interval(secs => $1)
        RETURNING id::text)",
                                     silence.count(), messages.uploading, messages.unloaded,
                                     messages.dataflow);
    std::vector<std::string> ids;
    ids.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) ids.push_back(result.get<std::string>(row, 0));
    return ids;
}

}  // namespace dss::uploader
