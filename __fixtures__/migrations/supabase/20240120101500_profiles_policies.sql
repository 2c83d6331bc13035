create policy "Profiles are readable by everyone"
  on public.profiles for select
  using (true);

create index profiles_display_name_idx on public.profiles (display_name);
