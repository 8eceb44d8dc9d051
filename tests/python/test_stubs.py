"""The type stubs describe the compiled module: every public name _kafkasim exports is
declared in kafkasim/_kafkasim.pyi, and every class's public attributes are too."""
import ast
import pathlib

import kafkasim as ks

STUBS = pathlib.Path(ks.__file__).with_name("_kafkasim.pyi")


def stub_names():
    tree = ast.parse(STUBS.read_text())
    names, members = set(), {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            names.add(node.target.id)
        if isinstance(node, ast.ClassDef):
            members[node.name] = {n.name if isinstance(n, ast.FunctionDef) else n.target.id
                                  for n in node.body
                                  if isinstance(n, (ast.FunctionDef, ast.AnnAssign))}
    return names, members


def test_every_exported_name_has_a_stub():
    names, _ = stub_names()
    exported = {n for n in dir(ks._kafkasim) if not n.startswith("_")}
    assert exported - names == set()


def test_every_class_attribute_has_a_stub():
    _, members = stub_names()
    for cls, declared in members.items():
        if cls == "ScenarioError":
            continue
        public = {n for n in dir(getattr(ks._kafkasim, cls)) if not n.startswith("_")}
        assert public - declared == set(), cls
