#include "uploader/csv_inspection.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "uploader/column_inference.hpp"
#include "uploader/column_names.hpp"
#include "uploader/csv_check_error.hpp"
#include "uploader/csv_records.hpp"
#include "uploader/encoding_detection.hpp"
#include "uploader/null_markers.hpp"

namespace dss::uploader {
namespace {

// What the inspected rows said about each kept column.
class ColumnsSeen {
   public:
    ColumnsSeen(HeaderColumns header, std::size_t sample_rows)
        : header_(std::move(header)),
          sample_rows_(sample_rows),
          inferences_(header_.names.size()),
          samples_(header_.names.size()) {}

    void add(const CsvRecord& record) {
        if (record.fields.size() != header_.field_count)
            throw CsvCheckError::field_count_differs(record.number, record.fields.size(),
                                                     header_.field_count);
        ++rows_;
        for (std::size_t k = 0; k < header_.names.size(); ++k) {
            auto value = blank_null_marker(record.fields[header_.source_indexes[k]]);
            if (!value.empty()) inferences_[k].add(value, record.number);
            if (rows_ <= sample_rows_) samples_[k].emplace_back(value);
        }
    }

    std::uint64_t rows() const { return rows_; }
    const HeaderColumns& header() const { return header_; }

    std::vector<InspectedColumn> columns(const std::vector<std::string>& unique_names) {
        std::vector<InspectedColumn> columns;
        columns.reserve(unique_names.size());
        for (std::size_t k = 0; k < unique_names.size(); ++k) {
            columns.push_back({unique_names[k], header_.source_indexes[k], inferences_[k].type(),
                               inferences_[k].reason(rows_), std::move(samples_[k])});
        }
        return columns;
    }

   private:
    HeaderColumns header_;
    std::size_t sample_rows_;
    std::vector<ColumnInference> inferences_;
    std::vector<std::vector<std::string>> samples_;
    std::uint64_t rows_ = 0;
};

HeaderColumns read_header(CsvRecords& records) {
    auto header = records.next();
    // A blank first line is no header line, as the message says (blank lines count as rows).
    if (!header || header->number != 1) throw CsvCheckError::no_headers();
    auto columns = header_columns(header->fields);
    if (columns.names.empty()) throw CsvCheckError::no_headers();
    return columns;
}

// After the inspected rows: whether the file ends there. A row past them that cannot be read
// means it does not; that row is the rewrite's to report, as the reference's loading did.
bool nothing_follows(CsvRecords& records) {
    try {
        return !records.next();
    } catch (const CsvCheckError&) {
        return false;
    }
}

}  // namespace

Inspection inspect_csv(storage::InputStream& input, const InspectionOptions& options) {
    Inspection inspection;
    inspection.encoding = detect_encoding(input, options.encoding_probe_bytes);
    input.seek(0);
    CsvRecords records(input, inspection.encoding, options.dialect);
    ColumnsSeen seen(read_header(records), options.sample_rows);
    auto limit = std::max<std::uint64_t>(options.infer_rows, 1);
    bool ended = false;
    while (seen.rows() < limit && !ended) {
        auto record = records.next();
        if (record) {
            seen.add(*record);
        } else {
            ended = true;
        }
    }
    inspection.whole_file = ended || nothing_follows(records);
    inspection.rows_inspected = seen.rows();

    check_name_syntax(seen.header().names);
    if (seen.rows() == 0) throw CsvCheckError("no data found");
    auto names = make_unique_names(seen.header().names);
    // On the unique names, as the reference checked: `id,id` loads as id_1 and id_2.
    check_name_length(names);
    check_not_reserved(names);
    inspection.columns = seen.columns(names);
    return inspection;
}

nlohmann::json inspection_json(const Inspection& inspection) {
    auto columns = nlohmann::json::array();
    for (const auto& column : inspection.columns) {
        columns.push_back({{"name", column.name},
                           {"type", column_type_name(column.type)},
                           {"reason", column.reason},
                           {"sample", column.sample}});
    }
    return {{"encoding", inspection.encoding},
            {"rows_inspected", inspection.rows_inspected},
            {"whole_file", inspection.whole_file},
            {"columns", std::move(columns)}};
}

}  // namespace dss::uploader
