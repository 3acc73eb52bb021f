#!/usr/bin/env python3
"""Writes the .npy fixtures of NPYTests with NumPy itself (run from anywhere; needs numpy).

    python3 Tests/DatasetsTests/Fixtures/make_npy_fixtures.py

Valid files cover every dtype gradbook reads, versions 1.0/2.0/3.0, a scalar, an empty array
and a 3-D one; the rest are files NumPy writes that gradbook must reject. Byte-level damage
(bad magic, truncation, lying headers) is made by the Swift tests from these files.
The values are repeated in NPYTests.swift: change both together.
"""
import os
import numpy as np
from numpy.lib import format as npformat

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "npy")
os.makedirs(out, exist_ok=True)


def save(name, array, version=None):
    with open(os.path.join(out, name), "wb") as f:
        if version is None:
            np.save(f, array, allow_pickle=array.dtype == object)
        else:
            npformat.write_array(f, array, version=version)


# Supported dtypes (all read as float32).
save("f4.npy", np.array([[1.5, -2, 3.25], [0, 0.1, 65504]], dtype="<f4"))
save("f8.npy", np.array([[1.5, -2, 3.25], [0, 0.1, 1e10]], dtype="<f8"))
save("i1.npy", np.array([-128, -1, 0, 1, 127], dtype="i1"))
save("i2.npy", np.array([-32768, 0, 32767], dtype="<i2"))
save("i4.npy", np.array([[-2147483648, 0], [1, 2147483647]], dtype="<i4"))
save("i8.npy", np.array([-(2**40), 0, 2**40 + 1, 7], dtype="<i8"))
save("u1.npy", np.array([0, 1, 255], dtype="u1"))
save("u2.npy", np.array([0, 65535], dtype="<u2"))
save("u4.npy", np.array([0, 4294967295], dtype="<u4"))
save("u8.npy", np.array([0, 2**64 - 1], dtype="<u8"))
save("b1.npy", np.array([True, False, True]))
# Shapes and versions.
save("scalar.npy", np.array(3.5, dtype="<f4"))
save("empty.npy", np.zeros((0, 3), dtype="<f4"))
save("f8_3d.npy", np.arange(8, dtype="<f8").reshape(2, 2, 2))
save("v2.npy", np.array([[1, 2], [3, 4]], dtype="<f4"), version=(2, 0))
save("v3.npy", np.array([[1, 2], [3, 4]], dtype="<f4"), version=(3, 0))
save("fortran_1d.npy", np.asfortranarray(np.array([1, 2, 3], dtype="<f4")))
# What gradbook's writer must reproduce byte for byte.
save("write_2x3.npy", np.array([[1.5, -2, 3.25], [0, 0.1, 65504]], dtype="<f4"))
save("write_vector.npy", np.array([1, 2, 3, 4, 5], dtype="<f4"))
save("write_scalar.npy", np.array(-0.25, dtype="<f4"))
save("write_3d.npy", np.arange(24, dtype="<f4").reshape(2, 3, 4))
save("write_long_axis.npy", np.zeros((123456789012, 0), dtype="<f4"))
# Rejected.
save("big_endian_f4.npy", np.array([[1, 2], [3, 4]], dtype=">f4"))
save("big_endian_i8.npy", np.array([1, 2], dtype=">i8"))
save("fortran.npy", np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))
save("object.npy", np.array([1, "a"], dtype=object))
save("structured.npy", np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")]))
save("complex64.npy", np.array([1 + 2j], dtype="<c8"))
save("float16.npy", np.array([1, 2], dtype="<f2"))
save("unicode.npy", np.array(["abc"], dtype="<U3"))
print("wrote", len(os.listdir(out)), "files to", out)
