"""`python -m gradbook_kernel -f CONNECTION_FILE`: what the kernelspec runs."""

from ipykernel.kernelapp import IPKernelApp

from .kernel import GradbookKernel

IPKernelApp.launch_instance(kernel_class=GradbookKernel)
