-- Migration: 003_add_ticket_escalation
-- Description: Escalation level and deadline for support tickets
-- Author: DBA Team
-- Date: 2026-02-02

BEGIN;

ALTER TABLE tickets ADD COLUMN IF NOT EXISTS escalation_level SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS escalate_after TIMESTAMPTZ;

CREATE TABLE IF NOT EXISTS ticket_escalations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    level SMALLINT NOT NULL,
    escalated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- ROLLBACK: DROP TABLE IF EXISTS ticket_escalations;
-- ROLLBACK: ALTER TABLE tickets DROP COLUMN IF EXISTS escalate_after;
-- ROLLBACK: ALTER TABLE tickets DROP COLUMN IF EXISTS escalation_level;

COMMIT;
