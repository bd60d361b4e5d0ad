"""Resolution: records to customers as connected components, with conflicts and decisions.

``planner`` decides (pure Python, unit-testable); ``snapshot`` reads and locks the part of
the graph a chunk touches; ``writer`` applies a plan; ``components`` re-checks customers that
may have split; ``engine`` runs all of it in one managed transaction per chunk.
"""
