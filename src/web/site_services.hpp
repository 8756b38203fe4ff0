// What the staff pages' handlers share, owned by `dss serve` for the server's lifetime.
#pragma once

#include "auth/session_cookie.hpp"
#include "auth/sso_client.hpp"
#include "core/settings.hpp"
#include "db/pool.hpp"
#include "storage/storage.hpp"
#include "uploader/reserved_names.hpp"
#include "web/page_renderer.hpp"

namespace dss::uploader {
class ProcessingWorker;
}

namespace dss::web {

struct SiteServices {
    const core::Settings& settings;
    db::Pool& pool;
    storage::Storage& storage;
    auth::SsoClient& sso;
    const auth::SessionSealer& sealer;
    const PageRenderer& pages;
    uploader::ProcessingWorker& worker;
    // Sources' schemas and folders, which no upload may take.
    const uploader::ReservedNames& reserved_names;
};

}  // namespace dss::web
