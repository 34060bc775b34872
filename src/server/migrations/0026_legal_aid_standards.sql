-- Legal aid eligibility (issue 10, modules/legal-aid). The hardship standard is
-- set and adjusted by each province (法律援助法 第三十四条); a province may also
-- add matters legal aid covers (第三十一条第（九）项) or that need no hardship
-- (第三十二条第（五）项). Each standard applies from its effective date until the
-- next one: rows are added, never edited, so every past self-check can be
-- explained by the standard then in force.
create table legal_aid_standards (
  id                      uuid primary key default gen_random_uuid(),
  province_code           text not null references regions (code),
  province_path           text not null,
  -- A Beijing date: the standard applies to checks made on or after it.
  effective_from          date not null,
  -- Household income per member per month, in yuan: at or below it is hardship.
  income_line_per_member  numeric(12, 2) not null check (income_line_per_member > 0),
  -- [{key, label, isHardshipRequired}]: the province's own matters.
  extra_matters           jsonb not null default '[]',
  -- Where the figure comes from: the provincial document and its number, or "demo value".
  basis                   text not null,
  created_by              uuid references accounts (id),
  created_at              timestamptz not null,
  unique (province_code, effective_from)
);

-- Art. 41: hardship is shown by a self-declaration (个人诚信承诺) or a data-sharing
-- check, never by a certificate; the groups of Art. 42 show only that they belong
-- to the group. Where a region still carries the shipped item that asked for a
-- certificate, it becomes these two (other items are left as the region set them).
update service_settings
set checklist = (
  select jsonb_agg(u.x order by t.o, u.sub)
  from jsonb_array_elements(checklist) with ordinality as t(item, o),
  lateral jsonb_array_elements(
    case when t.item = '{"key":"hardship_proof","name":"经济困难状况说明表（或低保、特困证明）","isRequired":true}'::jsonb
      then '[{"key":"hardship_declaration","name":"经济困难状况个人诚信承诺（当场填写即可，无需开具证明）","isRequired":false},
             {"key":"exemption_proof","name":"免予核查经济困难人员的身份材料（如低保证、特困供养证、残疾证；法律援助法第四十二条）","isRequired":false}]'::jsonb
      else jsonb_build_array(t.item) end) with ordinality as u(x, sub))
where service_type = 'legal_aid'
  and checklist @> '[{"key":"hardship_proof","name":"经济困难状况说明表（或低保、特困证明）","isRequired":true}]'::jsonb;
