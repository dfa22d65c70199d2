"""The built-in demo city: real district outlines, synthetic towns, villages and ledger."""
