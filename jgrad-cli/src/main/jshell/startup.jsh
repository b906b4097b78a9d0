// Loaded by `./jgrad jshell` and `./jgrad lecture`: jgrad's packages, ready to use.
import java.util.*;
import jgrad.engine.*;
import jgrad.nn.*;
import jgrad.optim.*;
import jgrad.data.*;
import jgrad.io.*;
import jgrad.tensor.*;
