#!/usr/bin/env bash
# What the test suite needs beyond the .NET SDK and PostgreSQL; each step installs only what is missing.
set -euo pipefail
