"""Skills: the glossary as the board's skill map (each job's terms, demand, fit) — pure Python."""
