/* Test-only stand-in for bcryptprimitives.dll, for running LogoDesk under Wine 8.
 *
 * Go >= 1.22 takes its random numbers from ProcessPrng in bcryptprimitives.dll,
 * which Windows 10 and later have and Wine 8 lacks ("fatal error:
 * bcryptprimitives.dll not found"). scripts/windows/test-wine.sh builds this with
 * MinGW and copies it into the system32 of a throwaway Wine prefix only.
 * It is never part of an installer: real Windows has the real one. */
#include <windows.h>

/* RtlGenRandom, exported by advapi32 as SystemFunction036. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a ULONG length: feed it in chunks. */
    while (length > 0) {
        ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
