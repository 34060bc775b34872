-- Oversight: supervision (督办) addressees, outbox delivery record, escalation guard.

-- The supervisors an automatic order is put before: those whose scope covers the
-- handling unit (or the matter's region while no unit holds it). A manual order's
-- supervisor is its issuer, so it has no rows here.
create table supervision_addressees (
  order_id   uuid not null references supervision_orders (id),
  account_id uuid not null references accounts (id),
  primary key (order_id, account_id)
);
create index supervision_addressees_account on supervision_addressees (account_id);

-- At most one open automatic order per ticket, whatever the number of scheduler
-- processes (the scheduler also checks under the ticket's row lock).
create unique index supervision_orders_one_open_automatic on supervision_orders (ticket_id)
  where is_automatic and responded_at is null;

-- Which sender really delivered a message: 'dev' when the sms/wechat placeholder has
-- no gateway configured, so admins can tell that nothing left the building.
alter table notifications add column delivered_via text;
