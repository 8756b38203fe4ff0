// POST /upload/data/<slug>/: the CSV streams from the request into storage as it arrives
// (uploader.md: never held whole in memory or on local disk). The form's small fields come
// first (the CSRF token, delimiter, quote); the file part goes to storage under
// {upload_folder}/{organisation}/{dataset}/{id} while its row moves uploading -> uploaded. An
// upload cut off midway leaves no stored file and a row marked failed.
#pragma once

#include "http/body_reader.hpp"
#include "web/site_services.hpp"

namespace dss::web {

http::BodyOpener upload_receiver(SiteServices& services);

}  // namespace dss::web
