"""The Jupyter messaging protocol, checked by jupyter_kernel_test against the gradbook kernel:
kernel_info, execute (stream, execute_result, error), complete, inspect, is_complete,
display_data with image/svg+xml. History is not offered (history_request answers empty)."""

import unittest

import jupyter_kernel_test

from kernel_client import execute, gradbook_kernel, reply_to, text_of


class GradbookKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "gradbook"
    language_name = "gradbook"
    file_extension = ".grad"

    code_hello_world = 'show "hello, world"'
    code_execute_result = [
        {"code": "1 + 2", "result": "3.0000"},
        {"code": "[1, 2] * 2", "result": "tensor[2]\n[2.0000, 4.0000]"},
    ]
    code_generate_error = "nosuchname + 1"
    code_display_data = [{"code": "plot [1, 4, 9]", "mime": "image/svg+xml"}]
    completion_samples = [
        {"text": "summ", "matches": {"summary"}},
        {"text": "fit model train ep", "matches": {"epochs="}},
        {"text": "x = sigm", "matches": {"sigmoid"}},
    ]
    complete_code_samples = ["x = 1", "repeat 2\n  y = 1\nend", "# a comment", ""]
    incomplete_code_samples = ["repeat 3", "x = (1 +", "def f(a) do\n  a + 1"]
    invalid_code_samples = ["x = )", "end"]
    code_inspect_sample = "sigmoid"


class MessageContentTests(unittest.TestCase):
    """What the messages hold, beyond their types."""

    @classmethod
    def setUpClass(cls):
        cls._context = gradbook_kernel()
        cls.km, cls.kc = cls._context.__enter__()

    @classmethod
    def tearDownClass(cls):
        cls._context.__exit__(None, None, None)

    def test_kernel_info_names_gradbook(self):
        reply = reply_to(self.kc, self.kc.kernel_info())
        info = reply["language_info"]
        self.assertEqual((info["name"], info["mimetype"], info["file_extension"]),
                         ("gradbook", "text/x-gradbook", ".grad"))
        self.assertEqual(reply["implementation"], "gradbook")

    def test_a_cell_of_several_statements_numbers_each_as_the_prompt_does(self):
        reply, outputs = execute(self.kc, "a = 2\nb = a * 3\nb\nshow a")
        self.assertEqual(reply["status"], "ok")
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual([m["content"]["data"]["text/plain"] for m in results], ["6.0000"])
        # `b` is the cell's third statement: its Out number is the session's cell number,
        # which `_n` names, and the reply carries the cell's last number.
        n = results[0]["content"]["execution_count"]
        self.assertEqual(reply["execution_count"], n + 1)
        reply, outputs = execute(self.kc, "_%d + 1" % n)
        self.assertEqual(text_of(outputs), "7.0000\n")
        self.assertEqual(reply["execution_count"], n + 2)

    def test_an_error_has_its_kind_message_and_caret(self):
        reply, outputs = execute(self.kc, "w1 = 1\nw2 + 1")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "NameError")
        self.assertEqual(reply["evalue"], "unknown name 'w2'")
        errors = [m for m in outputs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1)
        self.assertEqual(errors[0]["content"]["traceback"][:3], ["error: unknown name 'w2'", "  w2 + 1", "  ^~"])
        self.assertIn("hint: did you mean w1?", errors[0]["content"]["traceback"])

    def test_a_plot_is_svg_with_a_text_fallback(self):
        reply, outputs = execute(self.kc, "plot [1, 4, 9]")
        displays = [m for m in outputs if m["msg_type"] == "display_data"]
        self.assertEqual(len(displays), 1)
        data = displays[0]["content"]["data"]
        self.assertIn("<svg", data["image/svg+xml"])
        self.assertTrue(data["image/svg+xml"].rstrip().endswith("</svg>"))
        # The text form is the terminal drawing that `gradbook run` prints, and only there.
        self.assertIn("⣀", data["text/plain"])
        self.assertEqual([m["msg_type"] for m in outputs], ["display_data"])

    def test_fit_progress_is_one_display_updated_in_place(self):
        setup = ("pdata = dataset(\"moons\", n=640, seed=1)\n"
                 "pmodel = sequential(dense(8, relu, input=2), dense(1, sigmoid))\n"
                 "compile pmodel optimizer=adam(lr=0.01) loss=bce metrics=accuracy")
        self.assertEqual(execute(self.kc, setup)[0]["status"], "ok")
        reply, outputs = execute(self.kc, "fit pmodel pdata epochs=3 batch=32")
        self.assertEqual(reply["status"], "ok")
        progress = [m for m in outputs if m["msg_type"] in ("display_data", "update_display_data")]
        self.assertGreaterEqual(len(progress), 2)
        self.assertEqual(progress[0]["msg_type"], "display_data")
        self.assertTrue(all(m["msg_type"] == "update_display_data" for m in progress[1:]))
        ids = {m["content"]["transient"]["display_id"] for m in progress}
        self.assertEqual(len(ids), 1)
        # The last line kept is the last epoch's bar, complete: 640 rows / 32 = 20 steps.
        self.assertTrue(progress[-1]["content"]["data"]["text/plain"].startswith("epoch 3/3 "))
        self.assertIn(" 20/20 ", progress[-1]["content"]["data"]["text/plain"])
        # The epoch lines are the plain ones of `gradbook run`, as stream text.
        lines = text_of(outputs).splitlines()
        self.assertEqual([l.split()[1] for l in lines], ["1/3", "2/3", "3/3"])

    def test_inspect_is_help(self):
        reply = reply_to(self.kc, self.kc.inspect("fit model tr", cursor_pos=2))
        self.assertTrue(reply["found"])
        self.assertTrue(reply["data"]["text/plain"].startswith("fit("))
        self.assertIn("epochs=", reply["data"]["text/plain"])
        self.assertFalse(reply_to(self.kc, self.kc.inspect("nosuchthing"))["found"])

    def test_completion_knows_the_workspace(self):
        execute(self.kc, "learning_rate = 0.1")
        reply = reply_to(self.kc, self.kc.complete("step w lr=learn"))
        self.assertEqual(reply["matches"], ["learning_rate"])
        self.assertEqual((reply["cursor_start"], reply["cursor_end"]), (10, 15))

    def test_completion_counts_code_points(self):
        execute(self.kc, "θ_value = 1")
        code = "α = θ_v"
        reply = reply_to(self.kc, self.kc.complete(code, cursor_pos=len(code)))
        self.assertEqual(reply["matches"], ["θ_value"])
        self.assertEqual(code[reply["cursor_start"]:reply["cursor_end"]], "θ_v")


if __name__ == "__main__":
    unittest.main()
