# Shared by bin/serve and bin/test: run from the repository root.
# shellcheck shell=bash

ADDONS="auto_crm_leads,auto_aftersales,auto_loyalty,auto_club"
VENV=${AUTO_CRM_VENV:-.venv}
# The Python that runs Odoo: python3 when it already has Odoo, else the
# project's virtual environment (Debian and Ubuntu forbid pip on the system's).
if [ -z "${PYTHON:-}" ]; then
    if python3 -c "import odoo" 2>/dev/null || [ ! -x "$VENV/bin/python" ]; then
        PYTHON=python3
    else
        PYTHON=$VENV/bin/python
    fi
fi

step() { echo "==> $*"; }

# From / : postgres may not enter the repository's directory (under /root).
as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && sudo -u postgres "$@")
    fi
}

can_be_root() {
    [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null && sudo -n true 2>/dev/null; }
}

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif can_be_root; then
        sudo "$@"
    else
        return 77
    fi
}

# Debian 12 / Ubuntu 24.04 packages: PostgreSQL, what Odoo's requirements build
# against, wkhtmltopdf and Chinese fonts for the PDFs; $1 = extra packages.
SYSTEM_PACKAGES="postgresql python3-venv python3-dev build-essential libpq-dev \
libldap2-dev libsasl2-dev libxml2-dev libxslt1-dev libjpeg-dev zlib1g-dev \
libffi-dev libssl-dev wkhtmltopdf fonts-noto-cjk"

ensure_system_packages() {
    local missing=() package
    for package in $SYSTEM_PACKAGES "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
            || missing+=("$package")
    done
    [ "${#missing[@]}" = 0 ] && return 0
    if ! command -v apt-get >/dev/null; then
        echo "Missing system packages: ${missing[*]} (this machine has no apt-get)." >&2
        return 1
    fi
    if ! can_be_root; then
        cat >&2 <<MSG
Installing system packages needs root: run this command as root, with sudo
rights, or first run as root:
    apt-get install ${missing[*]}
MSG
        return 1
    fi
    step "Installing system packages: ${missing[*]} (log: /tmp/auto-crm-apt.log)"
    if ! { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
        >/tmp/auto-crm-apt.log 2>&1; then
        tail -n 20 /tmp/auto-crm-apt.log >&2
        echo "apt-get could not install the system packages." >&2
        return 1
    fi
}

require_odoo() {
    if ! "$PYTHON" -c "import odoo, odoo.release as r; assert r.version_info[0] == 18" 2>/dev/null; then
        echo "Odoo 18.0 is not importable by $PYTHON (see README.md)." >&2
        return 1
    fi
}

ensure_python_deps() {
    # Everything but the Odoo section when Odoo is already importable; else a
    # virtual environment with Odoo from its official source release.
    local requirements odoo=()
    requirements=$(mktemp)
    sed '/^# --- Odoo 18.0 Community itself/,$d' requirements.txt >"$requirements"
    if ! "$PYTHON" -c "import odoo" 2>/dev/null; then
        if [ "$PYTHON" = python3 ]; then
            step "Creating the Python environment $VENV"
            python3 -m venv "$VENV" || { echo "python3 -m venv failed." >&2; return 1; }
            PYTHON=$VENV/bin/python
        fi
        fetch_odoo_source || return 1
        # Odoo's setup.py asks for its requirements unpinned, and their newest
        # releases break it (lxml without lxml.html.clean, Werkzeug...): its
        # requirements.txt pins the versions of Debian 12 and Ubuntu 24.04, as
        # requirements and as constraints (pip picks the first line it reads).
        tar -xzOf "$ODOO_TARBALL" --wildcards --no-wildcards-match-slash \
            '*/requirements.txt' >"$VENV/odoo-source/requirements.txt" \
            || { echo "No requirements.txt in $ODOO_TARBALL." >&2; return 1; }
        odoo=(-c "$VENV/odoo-source/requirements.txt" -r "$VENV/odoo-source/requirements.txt"
            "odoo @ file://$(realpath "$ODOO_TARBALL")")
        step "Installing Odoo 18.0 and its requirements into $VENV (several minutes)"
    fi
    # One of Odoo's requirements still builds with setuptools' pkg_resources;
    # PEP 517 builds (in their own environment) rather than pip's deprecated
    # "setup.py install" of the sdists without a pyproject.toml.
    local constraints
    constraints=$(mktemp)
    echo "setuptools<70" >"$constraints"
    PIP_CONSTRAINT=$constraints "$PYTHON" -m pip install --quiet --use-pep517 \
        --disable-pip-version-check --root-user-action=ignore \
        --no-warn-script-location "${odoo[@]}" -r "$requirements" \
        || { echo "Could not install the Python requirements." >&2; return 1; }
    rm -rf "$requirements" "$constraints" "$VENV/odoo-source"
    require_odoo
}

# Odoo's official source release (the URL of requirements.txt), or
# AUTO_CRM_ODOO_SOURCE: another copy of it (a mirror nearer the dealership, or
# file:///path/to/odoo_18.0.tar.gz), into $VENV/odoo-source/. pip downloads it,
# with the proxy and certificates it is configured with for PyPI.
fetch_odoo_source() {
    local source tarballs
    source=${AUTO_CRM_ODOO_SOURCE:-$(sed -n 's|^odoo @ ||p' requirements.txt)}
    tarballs=("$VENV"/odoo-source/*.tar.gz)
    if [ ! -e "${tarballs[0]}" ]; then
        step "Downloading Odoo 18.0's source release: $source"
        "$PYTHON" -m pip download --quiet --disable-pip-version-check --no-deps \
            -d "$VENV/odoo-source" "odoo @ $source" \
            || { echo "Could not download $source." >&2; return 1; }
        tarballs=("$VENV"/odoo-source/*.tar.gz)
        [ -e "${tarballs[0]}" ] || { echo "$source is not a .tar.gz." >&2; return 1; }
    fi
    ODOO_TARBALL=${tarballs[0]}
}

ensure_postgres() {
    # The PostgreSQL of the distribution: 15 on Debian 12, 16 on Ubuntu 24.04.
    local PG_VERSION=${PG_VERSION:-$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)}
    if ! pg_isready -q -h 127.0.0.1 -p 5432; then
        if ! can_be_root; then
            echo "PostgreSQL is not running, and starting it needs root: run as root" >&2
            echo "    pg_ctlcluster $PG_VERSION main start" >&2
            return 1
        fi
        step "Starting PostgreSQL $PG_VERSION"
        if ! pg_lsclusters -h 2>/dev/null | grep -q "^$PG_VERSION "; then
            as_root pg_createcluster "$PG_VERSION" main >/dev/null
        fi
        as_root pg_ctlcluster "$PG_VERSION" main start
        for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    fi
    pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL did not start." >&2; return 1; }
    # The role odoo, unless it logs in already (then no root is needed).
    if ! PGPASSWORD=odoo psql -h 127.0.0.1 -U odoo -d postgres -tAc "SELECT 1" >/dev/null 2>&1; then
        if ! can_be_root; then
            echo "PostgreSQL has no role odoo, and creating it needs root: run as root" >&2
            echo "    runuser -u postgres -- psql -c \"CREATE ROLE odoo LOGIN CREATEDB PASSWORD 'odoo'\"" >&2
            return 1
        fi
        if ! as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'odoo'" | grep -q 1; then
            step "Creating the PostgreSQL role odoo"
            as_postgres psql -qc "CREATE ROLE odoo LOGIN CREATEDB PASSWORD 'odoo'"
        fi
    fi
}

database_exists() {
    PGPASSWORD=odoo psql -h 127.0.0.1 -U odoo -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1
}

# Not --force: that also signals autovacuum workers, which the odoo role may
# not do; a plain drop makes them leave, so only our own sessions are ended.
drop_database() {
    local attempt
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        PGPASSWORD=odoo psql -h 127.0.0.1 -U odoo -d postgres -qtAc \
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = '$1' AND usename = current_user" >/dev/null
        PGOPTIONS="-c client_min_messages=warning" PGPASSWORD=odoo dropdb -h 127.0.0.1 -U odoo --if-exists "$1" && return 0
        sleep 1
    done
    return 1
}

# The demo dealership and nothing else: the addons installed without Odoo's
# generic demo data (its furniture company, Marc Demo, fleet's and OCA's demo
# records), then their own demo files (bin/load_demo.py). Both steps log to $2.
install_demo_database() {
    local db=$1 log=$2
    drop_database "$db"
    rm -f "$log"  # Odoo appends to its log file
    "$PYTHON" -m odoo -c odoo.conf -d "$db" -i "$ADDONS" --without-demo=all \
        --stop-after-init --log-level=info --logfile="$log" \
        && "$PYTHON" -m odoo shell -c odoo.conf -d "$db" --no-http \
            --log-level=info --logfile="$log" <bin/load_demo.py
}
