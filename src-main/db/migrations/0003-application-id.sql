-- 0003: CardPlan's mark in the SQLite header ("CPln", 0x43506c6e), so that a file which is not a
-- CardPlan database can be told apart and refused before anything is written to it.
PRAGMA application_id = 1129344110;
