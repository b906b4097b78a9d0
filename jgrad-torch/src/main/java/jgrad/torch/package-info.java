/**
 * libtorch, PyTorch's C++ core loaded in the same JVM through the JavaCPP presets, as the oracle
 * and the yardstick of jgrad's tensor kernels: {@link jgrad.torch.TorchArrays} moves float arrays
 * in and out of libtorch tensors, and {@link jgrad.torch.KernelRace} times jgrad's kernels against
 * libtorch and OpenBLAS in one run. Built only with the Maven profile {@code -Ptorch}.
 */
package jgrad.torch;
