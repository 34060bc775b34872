-- Messages of a thread in the order they were written, even when two share a timestamp
-- (the same millisecond, or a test's clock that stands still): a sequence, not the time.
alter table ticket_messages add column seq bigserial;
create index ticket_messages_ticket_seq on ticket_messages (ticket_id, seq);
