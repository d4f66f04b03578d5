"""The malformed input files of the bad-input sweep (issue 14, item 7).

Source: ``../shared/repro/bad-input/fixtures.py`` (run against main at 84aa9f0), turned into a
function that writes them under ``root``. The cases that named files the original script did not
write (``p_ver2_*``, ``v_senate_ok.json``, ``v_40000.csv``, ``s_bomb5.yaml``) are rebuilt at the
end from the sweep's descriptions. ``cases.json`` beside this file is the sweep's own record.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib


def write_fixtures(root: pathlib.Path) -> pathlib.Path:
    """Write every fixture into ``root / "fx"``; return that folder."""
    FX = root / "fx"
    FX.mkdir(parents=True, exist_ok=True)

    def w(name, text, mode="w"):
        p = FX / name
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")
        return str(p)

    # ---------------- profiles
    w("p_badtoml1.toml", "id = \n")
    w("p_badtoml2.toml", "[state\nname='x'\n")
    w("p_notutf8.toml", b"id = \"\xff\xfe\"\n")
    w("p_empty.toml", "")
    w("p_unknown_top.toml", 'extends = "seed"\nfoo = 1\n')
    w("p_unknown_nested.toml", 'extends = "seed"\n[institutions.senate]\nsizee = 47\n')
    w("p_neg_size.toml", 'extends = "seed"\n[institutions.mazhilis]\nsize = -107\n')
    w("p_zero_size.toml", 'extends = "seed"\n[institutions.mazhilis]\nsize = 0\n')
    w("p_zero_all.toml", 'extends = "seed"\n[institutions.mazhilis]\nsize = 0\n[institutions.mazhilis.seats.party_lists]\ncount = 0\n[institutions.mazhilis.seats.assembly]\ncount = 0\n[elections.mazhilis]\nseats = 0\n')
    w("p_huge_size.toml", 'extends = "seed"\n[institutions.mazhilis]\nsize = 1000000000000000000000000000000\n')
    w("p_huge_consistent.toml", 'extends = "seed"\n[institutions.mazhilis]\nsize = 9000000000000000009\n[institutions.mazhilis.seats.party_lists]\ncount = 9000000000000000000\n[elections.mazhilis]\nseats = 9000000000000000000\n')
    w("p_seats_mismatch.toml", 'extends = "seed"\n[institutions.mazhilis.seats.party_lists]\ncount = 97\n')
    w("p_size_mismatch.toml", 'extends = "seed"\n[institutions.senate]\nsize = 48\n')
    w("p_cycle_a.toml", 'extends = "p_cycle_b.toml"\n')
    w("p_cycle_b.toml", 'extends = "p_cycle_a.toml"\n')
    w("p_self.toml", 'extends = "p_self.toml"\n')
    w("p_self_dot.toml", 'extends = "./p_self_dot.toml"\n')
    w("p_missing_ext.toml", 'extends = "nonexistent_parent.toml"\n')
    w("p_ext_int.toml", 'extends = 5\n')
    for i in range(12):
        w(f"p_chain{i}.toml", f'extends = "p_chain{i+1}.toml"\n' if i < 11 else 'extends = "seed"\n')
    w("p_rule_unknown_to.toml", 'extends = "seed"\n[[procedure.matters.bill.rules]]\nid = "sign"\nto = "nowhere"\n')
    w("p_rule_unknown_from.toml", 'extends = "seed"\n[[procedure.matters.bill.rules]]\nid = "sign"\nfrom = ["limbo"]\n')
    w("p_rule_unknown_act.toml", 'extends = "seed"\n[[procedure.matters.bill.rules]]\nid = "sign"\nact = "smile"\n')
    w("p_rule_unknown_threshold.toml", 'extends = "seed"\n[[procedure.matters.bill.rules]]\nid = "mazhilis_vote"\nvote = { chambers = ["mazhilis"], threshold = "four_fifths" }\n')
    w("p_rule_unknown_chamber.toml", 'extends = "seed"\n[[procedure.matters.bill.rules]]\nid = "mazhilis_vote"\nvote = { chambers = ["house_of_lords"], threshold = "two_thirds" }\n')
    w("p_deadline_unknown_duration.toml", 'extends = "seed"\n[procedure.matters.bill.states.in_senate.deadline]\nafter = "forever"\n')
    w("p_deadline_unknown_state.toml", 'extends = "seed"\n[procedure.matters.bill.states.in_senate.deadline]\nto = "purgatory"\n')
    w("p_leave_final.toml", 'extends = "seed"\n[[procedure.matters.bill.rules]]\nid = "sign"\nfrom = ["law"]\n')
    for tag, share in [("3_2", '"3/2"'), ("0_0", '"0/0"'), ("0", '"0"'), ("neg", '"-1/2"'), ("float", "0.5"), ("abc", '"abc"'), ("1_0", '"1/0"'), ("pct", '"150%"'), ("huge", '"1/100000000000000000000000000000000000000000"'), ("nan", "nan")]:
        w(f"p_thr_{tag}.toml", f'extends = "seed"\n[thresholds.two_thirds]\nshare = {share}\n')
    w("p_elec_thr_1.toml", 'extends = "seed"\n[elections.mazhilis]\nthreshold = "1"\n')
    w("p_elec_thr_neg.toml", 'extends = "seed"\n[elections.mazhilis]\nthreshold = "-7/100"\n')
    for tag, dur in [("p0d", "P0D"), ("neg", "P-5D"), ("banana", "banana"), ("huge", "P99999999Y")]:
        w(f"p_dur_{tag}.toml", f'extends = "seed"\n[durations.senate_review]\nduration = "{dur}"\n')
    w("p_unknown_cite.toml", 'extends = "seed"\n[institutions.senate]\ncites = ["S99"]\n')
    w("p_unknown_election.toml", 'extends = "seed"\n[institutions.mazhilis.seats.party_lists]\nelection = "eurovision"\n')
    w("p_array.json", "[1, 2, 3]")
    w("p_bad.json", "{ not json")
    (FX / "p_dir.toml").mkdir(exist_ok=True)
    # dated profiles
    V = 'extends = "seed"\n'
    w("p_ver_unordered.toml", V + '[[versions]]\nid = "v2"\neffective = 2010-01-01\n[[versions]]\nid = "v1"\neffective = 2000-01-01\n')
    w("p_ver_overlap.toml", V + '[[versions]]\nid = "v1"\neffective = 2000-01-01\n[versions.changes.institutions.senate]\nterm_years = 6\n'
      '[[versions]]\nid = "v1b"\neffective = 2000-01-01\n[versions.changes.institutions.senate]\nterm_years = 7\n')
    w("p_ver_dupid.toml", V + '[[versions]]\nid = "v1"\neffective = 2000-01-01\n[[versions]]\nid = "v1"\neffective = 2010-01-01\n')
    w("p_ver_noeff.toml", V + '[[versions]]\nid = "v1"\n')
    w("p_ver_changes_str.toml", V + '[[versions]]\nid = "v1"\neffective = 2000-01-01\nchanges = "everything"\n')
    w("p_ver_remove_str.toml", V + '[[versions]]\nid = "v1"\neffective = 2000-01-01\nremove = "institutions.senate"\n')
    w("p_ver_remove_missing.toml", V + '[[versions]]\nid = "v1"\neffective = 2000-01-01\nremove = ["institutions.house_of_lords"]\n')
    w("p_ver_remove_chamber.toml", V + '[[versions]]\nid = "v1"\neffective = 2000-01-01\nremove = ["institutions.senate"]\n')
    w("p_ver_not_list.toml", V + '[versions]\nid = "v1"\neffective = 2000-01-01\n')
    w("p_ver_eff_str.toml", V + '[[versions]]\nid = "v1"\neffective = "2000-01-01"\n')
    w("p_ver_changes_unknown.toml", V + '[[versions]]\nid = "v1"\neffective = 2000-01-01\n[versions.changes]\nbogus = 1\n')
    w("p_ver_ok.toml", V + '[[versions]]\nid = "v1"\neffective = 2000-01-01\n[[versions]]\nid = "v2"\neffective = 2010-01-01\n[versions.changes.institutions.senate]\nterm_years = 7\n')

    # ---------------- votes files
    w("v_empty.csv", "")
    w("v_empty.json", "")
    w("v_empty_obj.json", "{}")
    w("v_neg.csv", "A,100\nB,-5\n")
    w("v_float.csv", "A,100.5\nB,20\n")
    w("v_float.json", '{"A": 100.5, "B": 20}')
    w("v_str.csv", "A,lots\nB,20\n")
    w("v_str.json", '{"A": "100", "B": 20}')
    w("v_big.csv", f"A,{10**40}\nB,{10**39}\nC,{3*10**38}\n")
    w("v_big.json", json.dumps({"A": 10**40, "B": 10**39, "C": 3 * 10**38}))
    w("v_dup.csv", "A,100\nB,50\nA,70\n")
    w("v_dup.json", '{"A": 100, "B": 50, "A": 70}')
    w("v_unicode.csv", "Қазақстан Жолы,1000\n\u05e9\u05dc\u05d5\u05dd,800\n🦅 Party,600\nA\u200b,500\nA,400\n")
    w("v_unicode_nfc.csv", "Café,500\nCafe\u0301,400\n")
    w("v_100k.csv", "".join(f"P{i},{1000 + i % 977}\n" for i in range(100_000)))
    w("v_zero.csv", "A,0\nB,0\n")
    w("v_3fields.csv", "A,1,2\n")
    w("v_nul.csv", "A,1\x00\nB,2\n")
    w("v_bool.json", '{"A": true, "B": 10}')
    w("v_null.json", '{"A": null, "B": 10}')
    w("v_nan.json", '{"A": NaN, "B": 10}')
    w("v_array.json", '[["A", 1]]')
    w("v_deep.json", '{"A":' + "[" * 100000 + "]" * 100000 + "}")
    w("v_deep_obj.json", '{"A":' + '{"a":' * 100000 + "1" + "}" * 100000 + "}")
    w("v_bigfield.csv", "A" * 200000 + ",5\n")
    w("v_notutf8.csv", b"\xff\xfeA,1\n")
    w("v_neg_json.json", '{"A": -1, "B": 10}')
    w("v_emptyname.csv", ",10\nB,5\n")
    w("v_senate_bad.json", '{"astana": {"X": 10}, "narnia": {"Y": 3}}')
    w("v_senate_list.json", '{"astana": [1,2]}')
    w("v_senate_neg.json", '{"astana": {"X": -10, "Y": 3}}')
    w("v_maslikhat_unknown.json", '{"atlantis": {"A": 10}}')
    w("v_exp.json", '{"A": 1e3, "B": 10}')

    # ---------------- game files
    def g(name, obj_or_text):
        return w(name, obj_or_text if isinstance(obj_or_text, str) else json.dumps(obj_or_text))
    def q(q_, ws):
        return {"quota": q_, "weights": ws}
    g("g_empty.json", "")
    g("g_notjson.json", "{groups:")
    g("g_array.json", [1, 2])
    g("g_nowins.json", {"groups": {"A": 1}})
    g("g_unknownkey.json", {"groups": {"A": 1}, "wins": q(1, {"A": 1}), "color": "red"})
    for tag, size in [("0", 0), ("neg", -1), ("float", 3.0), ("str", "3"), ("bool", True), ("huge", 10**6)]:
        g(f"g_size_{tag}.json", {"groups": {"A": size, "B": 1}, "wins": q(1, {"A": 1})})
    g("g_10001.json", {"groups": {"A": 10000, "B": 1}, "wins": q(1, {"A": 1})})
    for tag, quota in [("neg", -1), ("pct", "50%"), ("float", 0.5), ("div0", "1/0"), ("abc", "abc"), ("huge", 10**400), ("exp", "1e400"), ("zero", 0)]:
        g(f"g_quota_{tag}.json", {"groups": {"A": 1, "B": 1}, "wins": q(quota, {"A": 1, "B": 1})})
    g("g_weight_neg.json", {"groups": {"A": 1, "B": 1}, "wins": q(1, {"A": -1, "B": 1})})
    g("g_unknowngroup.json", {"groups": {"A": 1}, "wins": q(1, {"senat": 1})})
    g("g_emptyall.json", {"groups": {"A": 1}, "wins": {"all": []}})
    g("g_emptygroups.json", {"groups": {}, "wins": q(1, {"A": 1})})
    node = q(1, {"A": 1})
    for _ in range(65):
        node = {"any": [node]}
    g("g_nest65.json", {"groups": {"A": 1}, "wins": node})
    g("g_nest100k.json", '{"groups":{"A":1},"wins":' + '{"any":[' * 100000 + '{"quota":1,"weights":{"A":1}}' + "]}" * 100000 + "}")
    g("g_dupkey.json", '{"groups": {"A": 1, "A": 2}, "wins": {"quota": 1, "weights": {"A": 1}}}')
    g("g_nan.json", '{"groups": {"A": 1}, "wins": {"quota": NaN, "weights": {"A": 1}}}')
    g("g_quota_above.json", {"groups": {"A": 1, "B": 1}, "wins": q(5, {"A": 1, "B": 1})})
    g("g_many_singletons.json", {"groups": {f"P{i}": 1 for i in range(40)},
                                 "wins": {"all": [q(21, {f"P{i}": i + 1 for i in range(40)}), q(400, {f"P{i}": (i * 7) % 41 + 1 for i in range(40)})]}})
    g("g_many_any.json", {"groups": {f"P{i}": 1 for i in range(60)},
                          "wins": {"any": [q(i + 2, {f"P{i}": 1, f"P{(i+1)%60}": 1, f"P{(i+2)%60}": 1}) for i in range(60)]}})

    # ---------------- scenario files
    def s(name, text):
        return w(name, text)
    s("s_notyaml.yaml", "steps: [ {date: 2010-01-01, act: introduce\n")
    s("s_list.yaml", "- a\n- b\n")
    s("s_unknownkey.yaml", "stepz: []\n")
    s("s_nosteps.yaml", "profile: seed\nsteps: []\n")
    s("s_nodate.yaml", "steps:\n  - {act: introduce, bill: B1, initiator: deputies}\n")
    s("s_baddate.yaml", "steps:\n  - {date: 2010-02-30, act: introduce, bill: B1, initiator: deputies}\n")
    s("s_baddate_str.yaml", "steps:\n  - {date: yesterday, act: introduce, bill: B1, initiator: deputies}\n")
    s("s_date_int.yaml", "steps:\n  - {date: 20100201, act: introduce, bill: B1, initiator: deputies}\n")
    s("s_backwards.yaml", "steps:\n  - {date: 2010-02-01, act: introduce, bill: B1, initiator: deputies}\n  - {date: 2010-01-01, act: vote, bill: B1, chamber: mazhilis, for: 80, against: 20}\nexpect: {B1: in_senate}\n")
    s("s_backwards_ok_expect.yaml", "steps:\n  - {date: 2010-02-01, act: introduce, bill: B1, initiator: deputies}\n  - {date: 2010-01-01, act: vote, bill: B1, chamber: mazhilis, for: 80, against: 20, expect_error: true}\nexpect: {B1: in_mazhilis}\n")
    s("s_unknownact.yaml", "steps:\n  - {date: 2010-02-01, act: coronate, bill: B1}\n")
    s("s_unknownbill.yaml", "steps:\n  - {date: 2010-02-01, act: vote, bill: B404, chamber: mazhilis, for: 80, against: 20}\n")
    s("s_unknownchamber.yaml", "steps:\n  - {date: 2010-02-01, act: introduce, bill: B1, initiator: deputies}\n  - {date: 2010-02-02, act: vote, bill: B1, chamber: house_of_lords, for: 80, against: 20}\n")
    s("s_toomanyvotes.yaml", "steps:\n  - {date: 2010-02-01, act: introduce, bill: B1, initiator: deputies}\n  - {date: 2010-02-02, act: vote, bill: B1, chamber: mazhilis, for: 200, against: 20}\n")
    s("s_sumtoomany.yaml", "steps:\n  - {date: 2010-02-01, act: introduce, bill: B1, initiator: deputies}\n  - {date: 2010-02-02, act: vote, bill: B1, chamber: mazhilis, for: 80, against: 20, abstain: 20}\n")
    s("s_negvotes.yaml", "steps:\n  - {date: 2010-02-01, act: introduce, bill: B1, initiator: deputies}\n  - {date: 2010-02-02, act: vote, bill: B1, chamber: mazhilis, for: -5, against: 20}\n")
    s("s_floatvotes.yaml", "steps:\n  - {date: 2010-02-01, act: introduce, bill: B1, initiator: deputies}\n  - {date: 2010-02-02, act: vote, bill: B1, chamber: mazhilis, for: 80.5, against: 20}\n")
    s("s_strvotes.yaml", "steps:\n  - {date: 2010-02-01, act: introduce, bill: B1, initiator: deputies}\n  - {date: 2010-02-02, act: vote, bill: B1, chamber: mazhilis, for: many, against: 20}\n")
    s("s_bigvotes.yaml", f"steps:\n  - {{date: 2010-02-01, act: introduce, bill: B1, initiator: deputies}}\n  - {{date: 2010-02-02, act: vote, bill: B1, chamber: mazhilis, for: {10**40}, against: 20}}\n")
    s("s_unknownprofile.yaml", "profile: narnia\nsteps:\n  - {date: 2010-02-01, act: advance}\n")
    s("s_setup_unknown.yaml", "setup: {king_crowned: 2010-01-01}\nsteps:\n  - {date: 2010-02-01, act: advance}\n")
    s("s_setup_baddate.yaml", "setup: {president_elected: 2011-02-30}\nsteps:\n  - {date: 2010-02-01, act: advance}\n")
    s("s_setup_strdate.yaml", "setup: {president_elected: soon}\nsteps:\n  - {date: 2010-02-01, act: advance}\n")
    s("s_set_unknown.yaml", "set: {institutions.mazhilis.sizee: 3}\nsteps:\n  - {date: 2010-02-01, act: advance}\n")
    s("s_set_badtype.yaml", "set: {institutions.mazhilis.size: many}\nsteps:\n  - {date: 2010-02-01, act: advance}\n")
    s("s_expect_list.yaml", "expect: [B1]\nsteps:\n  - {date: 2010-02-01, act: advance}\n")
    s("s_bill_bool.yaml", "steps:\n  - {date: 2010-02-01, act: introduce, bill: true, initiator: deputies}\n")
    s("s_expecterror_str.yaml", "steps:\n  - {date: 2010-02-01, act: introduce, bill: B1, initiator: deputies, expect_error: 'yes'}\n")
    s("s_step_scalar.yaml", "steps:\n  - 42\n")
    s("s_expect_unknown_state.yaml", "steps:\n  - {date: 2010-02-01, act: introduce, bill: B1, initiator: deputies}\nexpect: {B1: heaven}\n")
    s("s_expect_unknown_bill.yaml", "steps:\n  - {date: 2010-02-01, act: introduce, bill: B1, initiator: deputies}\nexpect: {B9: law}\n")
    s("s_bad.json", "{ steps: ")
    s("s_year10000.yaml", "steps:\n  - {date: '10000-01-01', act: advance}\n")
    s("s_year1.yaml", "steps:\n  - {date: 0001-01-01, act: introduce, bill: B1, initiator: deputies}\n  - {date: 9999-12-31, act: advance}\n")
    s("s_unknownparam.yaml", "steps:\n  - {date: 2010-02-01, act: introduce, bill: B1, initiator: deputies, colour: red}\n")
    s("s_badinitiator.yaml", "steps:\n  - {date: 2010-02-01, act: introduce, bill: B1, initiator: aliens}\n")
    s("s_advance_with_bill.yaml", "steps:\n  - {date: 2010-02-01, act: advance, bill: B1}\n")
    s("s_tab.yaml", "steps:\n\t- {date: 2010-02-01, act: advance}\n")
    s("s_ok.yaml", "steps:\n  - {date: 2010-02-01, act: introduce, bill: B1, initiator: deputies}\n  - {date: 2010-03-01, act: vote, bill: B1, chamber: mazhilis, for: 75, against: 30, abstain: 2}\nexpect: {B1: in_senate}\n")
    # bomb: nested aliases in a step parameter (8 levels of 10: 10**8 nodes expanded)
    bomb_text = "title: bomb\nsteps:\n  - date: 2010-02-01\n    act: introduce\n    bill: B1\n    initiator: deputies\n"
    bomb_text += "    x0: &x0 {" + ", ".join(f"k{i}: 1" for i in range(10)) + "}\n"
    for lvl in range(1, 8):
        bomb_text += f"    x{lvl}: &x{lvl} {{" + ", ".join(f"k{i}: *x{lvl-1}" for i in range(10)) + "}\n"
    s("s_bomb.yaml", bomb_text)
    # 100k steps
    N = 100_000
    d0 = dt.date(2000, 1, 1)
    out = ["steps:"]
    out.append(f"  - {{date: {d0}, act: introduce, bill: B1, initiator: deputies}}")
    for i in range(1, N):
        out.append(f"  - {{date: {d0 + dt.timedelta(days=i // 50)}, act: advance}}")
    s("s_100k.yaml", "\n".join(out) + "\n")
    out = ["steps:"]
    for i in range(N):
        out.append(f"  - {{date: {d0 + dt.timedelta(days=i // 200)}, act: introduce, bill: B{i}, initiator: deputies}}")
    s("s_100k_bills.yaml", "\n".join(out) + "\n")
    out = ["steps:"]
    for i in range(10_000):
        out.append(f"  - {{date: {d0 + dt.timedelta(days=i // 50)}, act: advance}}")
    s("s_10k.yaml", "\n".join(out) + "\n")
    # referendum units files
    w("u_list.yaml", "- a\n- b\n")
    w("u_bad.yaml", "astana: [\n")
    w("u_scalar_values.yaml", "astana: 5\n")

    # ---------------- fixtures the sweep named but its fixtures.py did not write (rebuilt here)
    A = 'act = "test"\n'
    w("p_ver2_overlap.toml", V + '[[versions]]\nid = "v1"\neffective = 2000-01-01\n' + A + '[versions.changes.institutions.senate]\nterm_years = 6\n'
      '[[versions]]\nid = "v1b"\neffective = 2000-01-01\n' + A + '[versions.changes.institutions.senate]\nterm_years = 7\n')
    w("p_ver2_dupid.toml", V + '[[versions]]\nid = "v1"\neffective = 2000-01-01\n' + A + '[[versions]]\nid = "v1"\neffective = 2010-01-01\n' + A)
    w("p_ver2_remove_chamber.toml", V + '[[versions]]\nid = "v1"\neffective = 2000-01-01\n' + A + 'remove = ["institutions.senate"]\n')
    w("p_ver2_changes_unknown.toml", V + '[[versions]]\nid = "v1"\neffective = 2000-01-01\n' + A + '[versions.changes]\nbogus = 1\n')
    w("p_ver2_unordered.toml", V + '[[versions]]\nid = "v2"\neffective = 2010-01-01\n' + A + '[[versions]]\nid = "v1"\neffective = 2000-01-01\n' + A)
    w("p_ver2_ok.toml", V + '[[versions]]\nid = "v1"\neffective = 2000-01-01\n' + A + '[[versions]]\nid = "v2"\neffective = 2010-01-01\n' + A + '[versions.changes.institutions.senate]\nterm_years = 7\n')
    w("v_senate_ok.json", '{"astana": {"X": 10, "Y": 3}}')
    w("v_40000.csv", "".join(f"P{i},{1000 + i % 977}\n" for i in range(40_000)))
    bomb5 = "title: bomb\nsteps:\n  - date: 2010-02-01\n    act: introduce\n    bill: B1\n    initiator: deputies\n"
    bomb5 += "    x0: &x0 {" + ", ".join(f"k{i}: 1" for i in range(10)) + "}\n"
    for lvl in range(1, 6):
        bomb5 += f"    x{lvl}: &x{lvl} {{" + ", ".join(f"k{i}: *x{lvl-1}" for i in range(10)) + "}\n"
    s("s_bomb5.yaml", bomb5)
    return FX
