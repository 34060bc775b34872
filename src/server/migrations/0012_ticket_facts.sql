-- Facts kept on the ticket row so that what the actor may do now is known from
-- the row alone (issue 6, item 3): whether it was rated (满意度评价, written by
-- oversight through the tickets module's command). And the fingerprint of the
-- request an Idempotency-Key was first used with (item 6): a retry with the same
-- key must be the same request.
alter table tickets add column rated_at timestamptz;
update tickets t set rated_at = r.created_at from ticket_ratings r where r.ticket_id = t.id;
alter table tickets add column idempotency_fingerprint text;
