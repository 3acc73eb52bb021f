import Matmul
