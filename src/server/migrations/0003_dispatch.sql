-- Dispatch (中台统筹分配): what the suggestion needs to know about each person.

-- Dispute categories (纠纷类别) the person handles well; checked against the list by the API.
alter table accounts add column skills text[] not null default '{}';
-- Languages the person can serve in: Mandarin, Tibetan, English.
alter table accounts add column languages text[] not null default '{zh}'
  check (languages <@ array['zh', 'bo', 'en']::text[]);
-- On shift (值班) now; people off duty are suggested only when nobody else can take the ticket.
alter table accounts add column is_on_duty boolean not null default true;

-- A person's current load: their open tickets.
create index tickets_assignee_open on tickets (assignee_id)
  where assignee_id is not null and status in ('assigned', 'in_progress', 'suspended');
