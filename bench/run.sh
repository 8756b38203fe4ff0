#!/usr/bin/env bash
# Runs every benchmark against the private PostgreSQL and prints the figures.
set -euo pipefail
build_dir=${1:-build}
"$build_dir/bench/dss_bench" --benchmark_counters_tabular=true
"$build_dir/bench/dss_api_walk" "${DSS_BENCH_API_ROWS:-1000000}"
"$build_dir/bench/dss_ingest_bench" "${DSS_BENCH_INGEST_ROWS:-1000000}"
"$build_dir/bench/dss_formats_bench" "${DSS_BENCH_DOCUMENTS:-20000}"
"$build_dir/bench/dss_fetch_bench" "${DSS_BENCH_FETCH_MB:-1024}"
"$build_dir/bench/dss_uploader_bench" "${DSS_BENCH_UPLOAD_ROWS:-1000000}"
