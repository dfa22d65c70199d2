"""The database schema and its version, with the migrations that bring an older file up to date.

Geometry is stored in DuckDB's core GEOMETRY type (WKB inside), WGS84 lon/lat; the spatial
extension is deliberately not used (it cannot be downloaded on an offline intranet).
The issue history is append-only: the store has no code path that updates or deletes it.
"""

from __future__ import annotations

SCHEMA_VERSION = 9

DDL_V1 = [
    """CREATE TABLE IF NOT EXISTS meta (
        key VARCHAR PRIMARY KEY,
        value VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS campaign (
        campaign_id INTEGER PRIMARY KEY,
        name VARCHAR NOT NULL,
        start_date DATE NOT NULL,
        deadline DATE NOT NULL,
        default_asof DATE,
        income_threshold DOUBLE NOT NULL,
        province_weak_operating_income DOUBLE NOT NULL,
        city_weak_disposable_income DOUBLE NOT NULL,
        inpatient_selfpay_max DOUBLE NOT NULL,
        dangerous_house_grades VARCHAR[] NOT NULL,
        active BOOLEAN NOT NULL DEFAULT TRUE
    )""",
    """CREATE TABLE IF NOT EXISTS checklist_item (
        campaign_id INTEGER NOT NULL,
        code VARCHAR NOT NULL,
        group_key VARCHAR NOT NULL,
        group_name VARCHAR NOT NULL,
        part_key VARCHAR NOT NULL,
        part_name VARCHAR NOT NULL,
        seed_number VARCHAR,
        text VARCHAR NOT NULL,
        short VARCHAR NOT NULL,
        responsible_units VARCHAR[] NOT NULL,
        incomplete BOOLEAN NOT NULL DEFAULT FALSE,
        sort_order INTEGER NOT NULL,
        PRIMARY KEY (campaign_id, code)
    )""",
    """CREATE TABLE IF NOT EXISTS region (
        code VARCHAR PRIMARY KEY CHECK (length(code) = 12 AND regexp_full_match(code, '[0-9]+')),
        name VARCHAR NOT NULL,
        level VARCHAR NOT NULL
            CHECK (level IN ('province', 'city', 'district', 'town', 'village')),
        parent_code VARCHAR,
        boundary GEOMETRY,
        label_lon DOUBLE,
        label_lat DOUBLE
    )""",
    """CREATE TABLE IF NOT EXISTS village (
        code VARCHAR PRIMARY KEY,
        weak_type VARCHAR CHECK (weak_type IS NULL OR weak_type IN ('province', 'city')),
        collective_operating_income DOUBLE,
        collective_disposable_income DOUBLE,
        first_secretary_present BOOLEAN,
        population INTEGER
    )""",
    """CREATE TABLE IF NOT EXISTS household (
        household_id VARCHAR PRIMARY KEY,
        village_code VARCHAR NOT NULL,
        head_name VARCHAR,
        id_number VARCHAR,
        members INTEGER NOT NULL CHECK (members > 0),
        per_capita_income DOUBLE,
        exit_status VARCHAR NOT NULL CHECK (exit_status IN ('exited', 'not_exited')),
        school_age_children INTEGER NOT NULL DEFAULT 0,
        children_out_of_school INTEGER NOT NULL DEFAULT 0,
        children_out_of_school_physical INTEGER NOT NULL DEFAULT 0,
        all_insured BOOLEAN NOT NULL DEFAULT TRUE,
        inpatient_selfpay_share DOUBLE,
        house_grade VARCHAR CHECK (house_grade IN ('A', 'B', 'C', 'D')),
        house_renovation VARCHAR
            CHECK (house_renovation IN ('none', 'in_progress', 'completed')),
        safe_water BOOLEAN NOT NULL DEFAULT TRUE,
        excess_fluoride BOOLEAN NOT NULL DEFAULT FALSE,
        social_floor_eligible BOOLEAN NOT NULL DEFAULT FALSE,
        social_floor_covered BOOLEAN NOT NULL DEFAULT FALSE
    )""",
    """CREATE TABLE IF NOT EXISTS issue (
        issue_code VARCHAR PRIMARY KEY,
        campaign_id INTEGER NOT NULL,
        region_code VARCHAR NOT NULL,
        household_id VARCHAR,
        item_code VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        severity VARCHAR NOT NULL CHECK (severity IN ('general', 'serious', 'critical')),
        responsible_unit VARCHAR,
        description VARCHAR,
        found_date DATE NOT NULL,
        deadline DATE NOT NULL,
        status VARCHAR NOT NULL
            CHECK (status IN ('pending', 'rectifying', 'rectified', 'closed')),
        measures VARCHAR,
        rectified_date DATE,
        closed_date DATE,
        verifier VARCHAR,
        escalated BOOLEAN NOT NULL DEFAULT FALSE,
        version INTEGER NOT NULL DEFAULT 1
    )""",
    "CREATE SEQUENCE IF NOT EXISTS issue_history_seq START 1",
    """CREATE TABLE IF NOT EXISTS issue_history (
        history_id BIGINT PRIMARY KEY DEFAULT nextval('issue_history_seq'),
        issue_code VARCHAR NOT NULL,
        changed_at TIMESTAMP NOT NULL,
        from_status VARCHAR,
        to_status VARCHAR NOT NULL,
        actor VARCHAR NOT NULL,
        note VARCHAR
    )""",
    "CREATE SEQUENCE IF NOT EXISTS visit_seq START 1",
    """CREATE TABLE IF NOT EXISTS visit (
        visit_id BIGINT PRIMARY KEY DEFAULT nextval('visit_seq'),
        region_code VARCHAR NOT NULL,
        household_id VARCHAR,
        visit_date DATE NOT NULL,
        visitors VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        findings VARCHAR
    )""",
    "CREATE INDEX IF NOT EXISTS region_parent_idx ON region (parent_code)",
    "CREATE INDEX IF NOT EXISTS household_village_idx ON household (village_code)",
    "CREATE INDEX IF NOT EXISTS issue_region_idx ON issue (region_code)",
    "CREATE INDEX IF NOT EXISTS history_issue_idx ON issue_history (issue_code)",
]

# Version 1 numbered a household imported without a 户编号 as its village code plus the first
# 8 hex digits of an unsalted SHA-1 of the ID number: the ID number could be recovered from it.
# Version 2 renumbers those households at random (the same form the importer now uses) and
# keeps the mapping in an append-only table (never shown on any page).
GENERATED_V1_HOUSEHOLD_ID = "[0-9]{12}-[0-9A-F]{8}"
DDL_V2 = [
    """CREATE TABLE IF NOT EXISTS household_renumbering (
        old_id VARCHAR NOT NULL,
        new_id VARCHAR NOT NULL,
        renumbered_at TIMESTAMP NOT NULL,
        reason VARCHAR NOT NULL
    )""",
    f"""INSERT INTO household_renumbering
        SELECT household_id,
               village_code || '-H'
                   || upper(substr(replace(gen_random_uuid()::VARCHAR, '-', ''), 1, 10)),
               current_localtimestamp(), 'schema-2: number no longer derived from the ID number'
        FROM household WHERE regexp_full_match(household_id, '{GENERATED_V1_HOUSEHOLD_ID}')""",  # noqa: S608 - constant
    *(f"""UPDATE {table} SET household_id = r.new_id FROM household_renumbering r
          WHERE {table}.household_id = r.old_id"""  # noqa: S608 - fixed table names
      for table in ("household", "issue", "visit")),
]

# Version 3: accounts (who signs in, in which role, over which region) and the append-only
# audit log (sign-ins, lockouts, account changes; later reveals and exports).
DDL_V3 = [
    """CREATE TABLE IF NOT EXISTS account (
        account_id VARCHAR PRIMARY KEY,
        display_name VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        region_code VARCHAR,
        password_hash VARCHAR NOT NULL,
        disabled BOOLEAN NOT NULL DEFAULT FALSE,
        must_change_password BOOLEAN NOT NULL DEFAULT TRUE,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TIMESTAMP,
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL
    )""",
    "CREATE SEQUENCE IF NOT EXISTS audit_seq START 1",
    """CREATE TABLE IF NOT EXISTS audit_log (
        audit_id BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
        occurred_at TIMESTAMP NOT NULL,
        account_id VARCHAR,
        role VARCHAR,
        action VARCHAR NOT NULL,
        target VARCHAR,
        reason VARCHAR,
        client VARCHAR
    )""",
]

# Version 4: sign-in sessions (the cookie carries a signed random id; only its SHA-256 is
# stored, so reading the file does not let anyone take over a session) and the villages an
# inspector is assigned to.
DDL_V4 = [
    """CREATE TABLE IF NOT EXISTS web_session (
        session_hash VARCHAR PRIMARY KEY,
        account_id VARCHAR NOT NULL,
        via VARCHAR NOT NULL,
        client VARCHAR,
        created_at TIMESTAMP NOT NULL,
        last_seen TIMESTAMP NOT NULL,
        ended_at TIMESTAMP,
        end_reason VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS account_village (
        account_id VARCHAR NOT NULL,
        village_code VARCHAR NOT NULL,
        PRIMARY KEY (account_id, village_code)
    )""",
]

# Version 5: evidence (佐证材料) attached to issues: the file as uploaded (checked by content;
# its name kept for display only), a thumbnail for images, who added it and when. Removing one
# only marks it (who, when, why): like the history, nothing here is ever deleted.
DDL_V5 = [
    "CREATE SEQUENCE IF NOT EXISTS evidence_seq START 1",
    """CREATE TABLE IF NOT EXISTS evidence (
        evidence_id BIGINT PRIMARY KEY DEFAULT nextval('evidence_seq'),
        issue_code VARCHAR NOT NULL,
        kind VARCHAR NOT NULL CHECK (kind IN ('before', 'after', 'acceptance')),
        file_name VARCHAR NOT NULL,
        media_type VARCHAR NOT NULL,
        type_key VARCHAR NOT NULL,
        size BIGINT NOT NULL,
        sha256 VARCHAR NOT NULL,
        content BLOB NOT NULL,
        thumbnail BLOB,
        added_at TIMESTAMP NOT NULL,
        account_id VARCHAR NOT NULL,
        removed_at TIMESTAMP,
        removed_by VARCHAR,
        remove_reason VARCHAR
    )""",
    "CREATE INDEX IF NOT EXISTS evidence_issue_idx ON evidence (issue_code)",
]

# Version 6: 挂牌督办 (supervision by the level above), one row per mark and per unmark, only
# ever appended. A mark names its reason, the 督办时限 and a contact; an unmark its reason.
# The issue's `escalated` flag is the quick answer "is it marked now", set and cleared in the
# same transaction as the row (imports and the demo may set the flag without a row).
DDL_V6 = [
    "CREATE SEQUENCE IF NOT EXISTS supervision_seq START 1",
    """CREATE TABLE IF NOT EXISTS supervision (
        supervision_id BIGINT PRIMARY KEY DEFAULT nextval('supervision_seq'),
        issue_code VARCHAR NOT NULL,
        action VARCHAR NOT NULL CHECK (action IN ('mark', 'unmark')),
        acted_at TIMESTAMP NOT NULL,
        account_id VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        deadline DATE CHECK (action = 'unmark' OR deadline IS NOT NULL),
        contact VARCHAR
    )""",
    "CREATE INDEX IF NOT EXISTS supervision_issue_idx ON supervision (issue_code)",
]

# Version 7: department lists (部门数据比对). One row per imported list and one per row of it:
# how it matched a household, and, where the department's fact contradicts the household's,
# a lead (线索) to accept (raising an issue) or reject (with a reason). No ID number or full
# name is kept: only their masked forms, as shown on screen.
DDL_V7 = [
    """CREATE TABLE IF NOT EXISTS dept_batch (
        batch_id VARCHAR PRIMARY KEY,
        kind VARCHAR NOT NULL,
        file_name VARCHAR NOT NULL,
        imported_at TIMESTAMP NOT NULL,
        account_id VARCHAR NOT NULL,
        scope_prefix VARCHAR NOT NULL,
        row_count INTEGER NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS dept_row (
        batch_id VARCHAR NOT NULL,
        row_number INTEGER NOT NULL,
        match VARCHAR NOT NULL
            CHECK (match IN ('id', 'high', 'medium', 'low', 'ambiguous', 'none', 'outside')),
        household_id VARCHAR,
        village_code VARCHAR,
        name_masked VARCHAR,
        id_masked VARCHAR,
        village_text VARCHAR,
        dept_fact VARCHAR,
        ledger_fact VARCHAR,
        direction VARCHAR CHECK (direction IS NULL OR direction IN ('dept_fails', 'ledger_fails')),
        item_code VARCHAR,
        status VARCHAR CHECK (status IS NULL OR status IN ('open', 'accepted', 'rejected')),
        decided_by VARCHAR,
        decided_at TIMESTAMP,
        reason VARCHAR,
        issue_code VARCHAR,
        PRIMARY KEY (batch_id, row_number)
    )""",
    "CREATE INDEX IF NOT EXISTS dept_row_village_idx ON dept_row (village_code)",
]

# Version 8: a household fact left blank is unknown (未填报), never a pass (domain/rules.py).
# Version 1 filled blank counts with 0 and blank yes/no facts with the passing answer
# (insured, safe water, no fluoride, not eligible): those columns now take NULL and have no
# default. Values already stored are kept (which were defaults cannot be told). DuckDB
# refuses ALTER on a table with an index, so the index is dropped and made again.
NULLABLE_FACTS = ("school_age_children", "children_out_of_school",
                  "children_out_of_school_physical", "all_insured", "safe_water",
                  "excess_fluoride", "social_floor_eligible", "social_floor_covered")
DDL_V8 = [
    "DROP INDEX IF EXISTS household_village_idx",
    *(f"ALTER TABLE household ALTER COLUMN {c} DROP NOT NULL" for c in NULLABLE_FACTS),
    *(f"ALTER TABLE household ALTER COLUMN {c} DROP DEFAULT" for c in NULLABLE_FACTS),
    "CREATE INDEX IF NOT EXISTS household_village_idx ON household (village_code)",
]

# Version 9: facts have dates (issue 17.6). Every household and village fact is kept as a
# dated version, only ever appended: `verified_on` is the day the fact was verified (核实日期),
# NULL for 未注明日期 (a value with no date, read as known since the beginning). The
# `household` and `village` rows keep the latest values, so everything that reads them still
# works; figures as of a day read the versions (services/data.py facts_asof). Registration
# attributes (village, members, exit status, weak type, population) are not versioned.
# Migration: each existing row becomes one version without a date, so every as-of figure of
# an existing file stays what it was.
HOUSEHOLD_FACT_COLUMNS = ("per_capita_income", "school_age_children", "children_out_of_school",
                          "children_out_of_school_physical", "all_insured",
                          "inpatient_selfpay_share", "house_grade", "house_renovation",
                          "safe_water", "excess_fluoride", "social_floor_eligible",
                          "social_floor_covered")
VILLAGE_FACT_COLUMNS = ("collective_operating_income", "collective_disposable_income",
                        "first_secretary_present")
MIGRATED_BY = "schema-9"
DDL_V9 = [
    "CREATE SEQUENCE IF NOT EXISTS household_fact_seq START 1",
    "CREATE SEQUENCE IF NOT EXISTS village_fact_seq START 1",
    """CREATE TABLE IF NOT EXISTS household_fact (
        fact_id BIGINT PRIMARY KEY DEFAULT nextval('household_fact_seq'),
        household_id VARCHAR NOT NULL,
        verified_on DATE,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL,
        per_capita_income DOUBLE,
        school_age_children INTEGER,
        children_out_of_school INTEGER,
        children_out_of_school_physical INTEGER,
        all_insured BOOLEAN,
        inpatient_selfpay_share DOUBLE,
        house_grade VARCHAR CHECK (house_grade IN ('A', 'B', 'C', 'D')),
        house_renovation VARCHAR
            CHECK (house_renovation IN ('none', 'in_progress', 'completed')),
        safe_water BOOLEAN,
        excess_fluoride BOOLEAN,
        social_floor_eligible BOOLEAN,
        social_floor_covered BOOLEAN
    )""",
    """CREATE TABLE IF NOT EXISTS village_fact (
        fact_id BIGINT PRIMARY KEY DEFAULT nextval('village_fact_seq'),
        code VARCHAR NOT NULL,
        verified_on DATE,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL,
        collective_operating_income DOUBLE,
        collective_disposable_income DOUBLE,
        first_secretary_present BOOLEAN
    )""",
    f"""INSERT INTO household_fact (household_id, verified_on, recorded_at, recorded_by,
            {", ".join(HOUSEHOLD_FACT_COLUMNS)})
        SELECT household_id, NULL, current_localtimestamp(), '{MIGRATED_BY}',
            {", ".join(HOUSEHOLD_FACT_COLUMNS)} FROM household ORDER BY household_id""",  # noqa: S608
    f"""INSERT INTO village_fact (code, verified_on, recorded_at, recorded_by,
            {", ".join(VILLAGE_FACT_COLUMNS)})
        SELECT code, NULL, current_localtimestamp(), '{MIGRATED_BY}',
            {", ".join(VILLAGE_FACT_COLUMNS)} FROM village ORDER BY code""",  # noqa: S608
]

# version -> statements that bring a file from version-1 to version.
MIGRATIONS: dict[int, list[str]] = {1: DDL_V1, 2: DDL_V2, 3: DDL_V3, 4: DDL_V4, 5: DDL_V5,
                                    6: DDL_V6, 7: DDL_V7, 8: DDL_V8, 9: DDL_V9}

# Tables in dependency order; used for copying and clearing.
TABLES = [
    "meta",
    "campaign",
    "checklist_item",
    "region",
    "village",
    "household",
    "household_fact",
    "village_fact",
    "issue",
    "issue_history",
    "visit",
    "household_renumbering",
    "account",
    "audit_log",
    "web_session",
    "account_village",
    "evidence",
    "supervision",
    "dept_batch",
    "dept_row",
]
