"""The read side: customers, lookups, conflicts, generic identifiers, stats. Never writes."""
