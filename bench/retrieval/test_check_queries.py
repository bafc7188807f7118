#!/usr/bin/env python3
"""Specification of check_queries.py on small fixtures: what it accepts and what it reports.

    python3 bench/retrieval/test_check_queries.py
"""
import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # keep bench/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_queries  # noqa: E402

SV = """\
module uart_tx (
  input  logic clk_i,
  output logic txd_o
);
  typedef enum logic [1:0] {TX_IDLE, TX_DATA} tx_state_e;
  tx_state_e  state_q;
  logic [7:0] shift_q;   // byte being sent
  logic a_q, b_q;
  sync_2ff u_sync (.clk_i(clk_i));
  always_ff @(posedge clk_i) begin : p_fsm
    shift_q <= shift_q >> 1;
  end
endmodule
"""

VERILOG_2005 = """\
module timer (clk, irq);
  input  wire clk;
  output wire irq;
  reg [15:0] prescale_cnt;
endmodule
"""

VHDL = """\
entity Debounce is
  port (
    clk, rst_n : in  std_ulogic;
    level_o    : out std_ulogic
  );
end entity;
architecture rtl of debounce is
  signal stable_cnt : unsigned(3 downto 0);
begin
end architecture;
"""


def query(qid, granularity, text, gold, repo="examples"):
    return json.dumps({"id": qid, "repo": repo, "granularity": granularity, "query": text, "gold": gold})


class CheckQueriesSpec(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = self.tmp.name
        os.makedirs(os.path.join(self.root, "rtl"))
        for name, text in (("rtl/uart_tx.sv", SV), ("rtl/timer.v", VERILOG_2005), ("rtl/debounce.vhd", VHDL)):
            with open(os.path.join(self.root, name), "w") as f:
                f.write(text)

    def tearDown(self):
        self.tmp.cleanup()

    def run_check(self, *lines):
        path = os.path.join(self.root, "q.jsonl")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = check_queries.main([path, "examples=" + self.root])
        return status, out.getvalue()

    def test_valid_queries_of_all_granularities_pass(self):
        status, out = self.run_check(
            query("m1", "module", "serial transmitter of bytes", [{"unit": "uart_tx"}]),
            query("m2", "module", "vhdl button filter entity", [{"unit": "debounce"}]),
            query("b1", "block", "state machine that shifts out bits", [{"file": "rtl/uart_tx.sv", "startLine": 10, "endLine": 12}]),
            query("s1", "signal", "register with the byte being sent", [{"unit": "uart_tx", "signal": "shift_q"}]),
            query("s2", "signal", "state of the transmitter machine", [{"unit": "uart_tx", "signal": "state_q"}]),
            query("s3", "signal", "second name in a declaration list", [{"unit": "uart_tx", "signal": "b_q"}]),
            query("s4", "signal", "non-ANSI port of the legacy block", [{"unit": "timer", "signal": "irq"}]),
            query("s5", "signal", "vhdl port declared in a list", [{"unit": "DEBOUNCE", "signal": "RST_N"}]),
            query("s6", "signal", "vhdl architecture signal counting cycles", [{"unit": "debounce", "signal": "stable_cnt"}]),
        )
        self.assertEqual(status, 0, out)
        self.assertIn("0 problem(s) in 9 line(s)", out)

    def test_reports_each_broken_gold(self):
        status, out = self.run_check(
            query("u1", "module", "a module that does not exist", [{"unit": "uart_rx"}]),
            query("f1", "block", "a block in a missing file", [{"file": "rtl/none.sv", "startLine": 1, "endLine": 2}]),
            query("f2", "block", "a block past the end of file", [{"file": "rtl/uart_tx.sv", "startLine": 10, "endLine": 99}]),
            query("f3", "block", "a block with reversed lines", [{"file": "rtl/uart_tx.sv", "startLine": 9, "endLine": 3}]),
            query("s1", "signal", "an enum literal is not a signal", [{"unit": "uart_tx", "signal": "TX_IDLE"}]),
            query("s2", "signal", "an instance is not a signal", [{"unit": "uart_tx", "signal": "u_sync"}]),
            query("s3", "signal", "declared in another unit only", [{"unit": "uart_tx", "signal": "prescale_cnt"}]),
        )
        self.assertEqual(status, 1)
        for expected in ("unit 'uart_rx' is not declared", "file 'rtl/none.sv' not found",
                         "ends after the last line (13)", "bad line span 9-3",
                         "signal 'TX_IDLE' is not declared", "signal 'u_sync' is not declared",
                         "signal 'prescale_cnt' is not declared"):
            self.assertIn(expected, out)
        self.assertIn("7 problem(s)", out)

    def test_reports_format_errors(self):
        status, out = self.run_check(
            "{not json",
            query("d", "module", "first use of an id", [{"unit": "uart_tx"}]),
            query("d", "module", "second use of the id", [{"unit": "uart_tx"}]),
            query("r", "module", "repository not in the set", [{"unit": "uart_tx"}], repo="opentitan"),
            query("g", "process", "granularity not in the set", [{"unit": "uart_tx"}]),
            query("k", "signal", "signal gold without its unit", [{"signal": "shift_q"}]),
            query("e", "module", "gold list is empty", []),
        )
        self.assertEqual(status, 1)
        for expected in ("not JSON", "duplicate id", "unknown repo 'opentitan'", "granularity must be one of",
                         "signal gold needs exactly", "gold must be a non-empty list"):
            self.assertIn(expected, out)

    def test_rejects_queries_that_spell_out_the_answer(self):
        status, out = self.run_check(
            query("m", "module", "where is uart_tx defined", [{"unit": "uart_tx"}]),
            query("s", "signal", "the shift register of the sender", [{"unit": "uart_tx", "signal": "shift_q"}]),
            query("c", "signal", "the stable cnt of the filter", [{"unit": "debounce", "signal": "stable_cnt"}]),
        )
        self.assertEqual(status, 1)
        self.assertIn("(m): query spells out the answer 'uart_tx'", out)
        self.assertNotIn("(s):", out)   # "shift register" is a description, not "shift q"
        self.assertIn("(c): query spells out the answer 'stable_cnt'", out)


if __name__ == "__main__":
    unittest.main()
