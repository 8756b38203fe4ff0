// The bundled sample `make run` loads: small generated files, one per source, in the shapes the
// publishers use (pipelines.md section 3), so that the sample goes through the real pipelines.
#pragma once

#include <string>
#include <vector>

namespace dss::sample {

struct SampleFile {
    std::string source;  // the source id whose folder it goes in
    std::string name;    // file name inside that folder
    std::string content;
};

// Deterministic: the same files every time.
std::vector<SampleFile> sample_files(int ons_rows = 2500, int reference_rows = 500);

}  // namespace dss::sample
