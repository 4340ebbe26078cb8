"""What the migrations of the addons share: noupdate data is not applied again
when a module is updated, so values the data files gained later are set by a
migration script on the records a database already has."""


def set_empty_values(env, field, values, unset_ids=()):
    """Give the records of a data file (XML id -> XML id of the value of
    ``field``) the value the data file now has, where they have none.
    ``unset_ids``: records whose value nobody chose (the update filled a new
    required column with the field's default) and which take it too.
    Records or values missing from the database are left out (deleted, or of
    a module not installed). Returns the records set."""
    done = []
    for xmlid, value_xmlid in values.items():
        record = env.ref(xmlid, raise_if_not_found=False)
        value = env.ref(value_xmlid, raise_if_not_found=False)
        if not record or not value:
            continue
        if not record[field] or (record.id in unset_ids and record[field] != value):
            record[field] = value
            done.append(record)
    return done
